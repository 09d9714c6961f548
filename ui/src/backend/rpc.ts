/**
 * The one typed backend call: `rpc("listConversations", params)` answers a
 * `Promise<ConversationPage>`. Params, result and the answer's kind come from the
 * method map generated from the Rust declaration (`Methods` in types.gen.ts).
 */
import { METHOD_KINDS, type Methods, type Request } from "../api/types.gen";
import { BackendError, type Backend } from "./types";

export type Method = keyof Methods;
export type ParamsOf<M extends Method> = Methods[M]["params"];
export type ResultOf<M extends Method> = Methods[M]["result"];
/** A method without params takes no second argument. */
export type ParamsArg<M extends Method> = ParamsOf<M> extends undefined ? [] : [params: ParamsOf<M>];

export type Rpc = <M extends Method>(method: M, ...params: ParamsArg<M>) => Promise<ResultOf<M>>;

/** The request as both transports send it: `{ method }` or `{ method, params }`. */
export function requestOf<M extends Method>(method: M, ...params: ParamsArg<M>): Request {
  return (params.length === 0 ? { method } : { method, params: params[0] }) as Request;
}

/** Typed calls over a backend; an answer of another kind than declared is an error. */
export function typedRpc(b: Backend): Rpc {
  return async <M extends Method>(method: M, ...params: ParamsArg<M>): Promise<ResultOf<M>> => {
    const res = await b.rpc(requestOf(method, ...params));
    const kind = METHOD_KINDS[method];
    if (res.kind !== kind) {
      throw new BackendError({
        code: "unexpected_response",
        message: `Expected a ${kind} answer to ${method}, got ${res.kind}.`,
        messageJa: `想定外の応答です (${res.kind})。`,
      });
    }
    return ("data" in res ? res.data : undefined) as ResultOf<M>;
  };
}
