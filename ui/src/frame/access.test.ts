import { describe, expect, it } from "vitest";
import { METHOD_ROLES } from "../api/types.gen";
import type { Method } from "../backend";
import { canCall } from "./access";

const staff = { role: "staff" } as const;
const owner = { role: "owner" } as const;

describe("canCall", () => {
  it("follows each method's declared role", () => {
    expect(canCall(staff, "sendMessage")).toBe(true);
    expect(canCall(staff, "listMembers")).toBe(false);
    expect(canCall(staff, "getConnections")).toBe(false);
    expect(canCall(staff, "deleteTemplate")).toBe(false);
    expect(canCall(owner, "listMembers")).toBe(true);
  });

  it("lets an owner call everything and staff exactly the staff methods", () => {
    const methods = Object.keys(METHOD_ROLES) as Method[];
    expect(methods.length).toBeGreaterThan(100);
    const ownerOnly = methods.filter((m) => !canCall(staff, m));
    expect(ownerOnly.length).toBeGreaterThan(10);
    for (const m of methods) {
      expect(canCall(owner, m)).toBe(true);
      expect(canCall(staff, m)).toBe(METHOD_ROLES[m] === "staff");
    }
  });
});
