import { afterEach, beforeEach, vi } from "vitest";

// A console.error during a test is a defect we have not noticed yet: fail the test.
let errorSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockRestore();
  if (calls.length > 0) {
    throw new Error(`console.error was called during the test:\n${calls.map((c: unknown[]) => c.join(" ")).join("\n")}`);
  }
});
