import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../support/app";
import { Device } from "../support/survey-client";

/** A parent who answers in one language and resumes on another device carries on in it. */
describe("the language travels with a saved response", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it.each(["ur", "pl", "ar"])(
    "answers in %s on a phone, resumes on a laptop that asks for English, and is answered in the same language",
    async (language) => {
      const publicId = app.publicIds["parent-carer-experience"];
      const phone = new Device(app);
      // The language list's link, as the parent would follow it.
      await phone.visit(`/language?to=${language}&back=${encodeURIComponent(`/s/${publicId}`)}`);
      const first = await phone.start(publicId);
      const stopped = await phone.answer(first, 2);
      const saved = await phone.visit(stopped.path, { intent: "save" });
      expect(saved.html).toContain(`lang="${language}"`);
      const code = /data-testid="resume-code"[^>]*>([0-9A-Z-]+)</.exec(saved.html)?.[1];
      expect(code).toBeTruthy();

      const laptop = new Device(app);
      const home = await laptop.visit("/resume");
      expect(home.html).toContain('<html lang="en"');
      const resumed = await laptop.visit("/resume", { code: code! });
      expect(resumed.path).toContain(`/s/${publicId}/q/`);
      expect(resumed.html).toContain(`<html lang="${language}"`);
    },
  );
});
