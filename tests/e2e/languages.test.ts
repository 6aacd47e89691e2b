import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ar } from "~/i18n/ar";
import { bn } from "~/i18n/bn";
import { en, type Catalogue } from "~/i18n/en";
import { UI_LANGUAGES, type UiLanguage } from "~/i18n";
import { pa } from "~/i18n/pa";
import { pl } from "~/i18n/pl";
import { ps } from "~/i18n/ps";
import { ro } from "~/i18n/ro";
import { so } from "~/i18n/so";
import { ur } from "~/i18n/ur";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, phoneContext } from "../support/browser";

const CATALOGUES: Record<UiLanguage, Catalogue> = { en, ur, pa, bn, ar, pl, ro, so, ps };
/** What each phone's browser asks for: a regional tag, as phones send. */
const BROWSER_LOCALES: Record<UiLanguage, string> = {
  en: "en-GB",
  ur: "ur-PK",
  pa: "pa-IN",
  bn: "bn-BD",
  ar: "ar-SA",
  pl: "pl-PL",
  ro: "ro-RO",
  so: "so-SO",
  ps: "ps-AF",
};

/**
 * A parent whose phone speaks one of the nine languages answers the parents' survey with
 * JavaScript off, from the first page to the receipt, and never meets another language.
 */
describe.skipIf(!chromiumPath)("the parents' survey in each of the nine languages", () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.each(Object.keys(UI_LANGUAGES) as UiLanguage[])("in %s: first page in the browser's language, and on to the receipt", async (code) => {
    const catalogue = CATALOGUES[code];
    const dir = UI_LANGUAGES[code].dir;
    const context = await phoneContext(browser, { javaScript: false, locale: BROWSER_LOCALES[code] });
    const page = await context.newPage();
    // axe-core runs in the page, so it reads the same page (same cookies) in a context with JavaScript.
    const checkAccessible = async (url: string) => {
      const withScript = await phoneContext(browser, { javaScript: true, locale: BROWSER_LOCALES[code] });
      try {
        await withScript.addCookies(await context.cookies());
        const copy = await withScript.newPage();
        await copy.goto(url);
        await expectAccessible(copy);
      } finally {
        await withScript.close();
      }
    };
    try {
      await page.goto(`${app.url}/s/${app.publicIds["parent-carer-experience"]}`);
      expect(await page.locator("html").getAttribute("lang")).toBe(code);
      expect(await page.locator("html").getAttribute("dir")).toBe(dir);
      // The language list names every language in its own words, on every public page.
      const offered = await page.locator(".header__languages [lang]").allTextContents();
      expect(offered.map((name) => name.trim())).toEqual(Object.values(UI_LANGUAGES).map((language) => language.name));

      for (const id of ["#participate", "#special_category"]) await page.locator(id).check();
      await page.locator("main form button[type=submit]").first().click();
      await page.waitForURL(/\/q\//);
      for (let i = 0; i < 40 && /\/q\//.test(page.url()); i++) {
        expect(await page.locator("html").getAttribute("lang")).toBe(code);
        const textbox = page.locator("textarea[name=answer], input[type=text][name=answer]");
        if ((await textbox.count()) === 0) await page.locator("input[name=answer]").first().check();
        const question = page.url();
        await page.locator("button[name=intent][value=continue]").click();
        await page.waitForURL((url) => url.href !== question);
      }
      expect(new URL(page.url()).pathname).toMatch(/\/check$/);
      expect(await page.title()).toBe(catalogue["check.title"]);
      if (code === "en" || dir === "rtl") await checkAccessible(page.url());

      await page.locator("main form button[type=submit]").last().click();
      await page.waitForURL(/\/done$/);
      expect(await page.title()).toBe(catalogue["done.title"]);
      expect((await page.locator("h1").textContent())?.trim()).toBe(catalogue["done.title"]);
      expect((await page.getByTestId("receipt-code").textContent())?.trim()).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$/);
      if (code === "en" || dir === "rtl") await checkAccessible(page.url());
    } finally {
      await context.close();
    }
  });
});
