import { METHOD_ROLES } from "../api/types.gen";
import type { Me, Method } from "../backend";

/**
 * Whether the person in this window may call `method`, from the role each method
 * declares (generated from the Rust declaration): a staff method is everyone's, an
 * owner method only an owner's. The server checks it again on every call.
 */
export function canCall(me: Pick<Me, "role">, method: Method): boolean {
  return METHOD_ROLES[method] === "staff" || me.role === "owner";
}
