// Shared by the node tests (not a test file itself).
import assert from "node:assert/strict";
import { isMotcuaError } from "motcua";

/** The MotcuaError `fn` throws (fails the test when it does not throw one). */
export function thrown(fn) {
  try {
    fn();
  } catch (e) {
    assert.ok(isMotcuaError(e), `not a MotcuaError: ${e}`);
    return e;
  }
  assert.fail("did not throw");
}
