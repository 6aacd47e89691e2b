/**
 * Easy read all the way through: the young people's survey on a phone with JavaScript off, in
 * English and in Urdu (right to left), from its start page to the confirmation, then checking and
 * taking back the response with its receipt code. Every page around the questions is easy read:
 * short sentences with a picture each (drawn inline; hidden from screen readers when the sentence
 * says the same, named when it says more), no contact form, no legal jargon, titles in the
 * page's language, small pages, and no axe-core violations.
 */
import zlib from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator, type MessageKey } from "~/i18n";
import { startApp, type RunningApp } from "../support/app";
import { chromiumPath, expectAccessible, launchBrowser, pageLoaded, phoneContext } from "../support/browser";

const SLUG = "young-people-easy-read";

/** What the young person answers: the first choice, or a few words. */
async function answerAll(page: Page): Promise<void> {
  for (let i = 0; i < 10 && /\/q\//.test(page.url()); i++) {
    const text = page.locator("textarea[name=answer]");
    if ((await text.count()) > 0) await text.fill("More time to talk.");
    else await page.locator("input[name=answer]").first().check();
    const here = page.url();
    await page.locator("form button[value=continue]").click();
    await page.waitForURL((url) => url.href !== here);
  }
}

interface PictureFacts {
  hidden: string | null;
  role: string | null;
  label: string | null;
  focusable: string | null;
  /** The words beside a hidden picture: the sentence that says the same. */
  words: string;
}

/** Every picture in the page's main content, with its text alternative and the words beside it. */
async function picturesOnPage(page: Page): Promise<PictureFacts[]> {
  await pageLoaded(page);
  return page.locator("main svg").evaluateAll((svgs) =>
    svgs.map((svg) => ({
      hidden: svg.getAttribute("aria-hidden"),
      role: svg.getAttribute("role"),
      label: svg.getAttribute("aria-label"),
      focusable: svg.getAttribute("focusable"),
      words: (svg.parentElement?.textContent ?? "").trim(),
    })),
  );
}

/** Each picture is decoration beside its sentence (alt=""), or an image with a name of its own. */
function expectCorrectAlternatives(pictures: PictureFacts[], atLeast: number) {
  expect(pictures.length).toBeGreaterThanOrEqual(atLeast);
  for (const picture of pictures) {
    expect(picture.focusable).toBe("false");
    if (picture.role === "img") {
      expect(picture.hidden).toBeNull();
      expect(picture.label?.trim()).toBeTruthy();
    } else {
      expect(picture.hidden).toBe("true");
      expect(picture.label).toBeNull();
      expect(picture.words.length).toBeGreaterThan(0);
    }
  }
}

describe.skipIf(!chromiumPath)("the young people's survey is easy read from start to receipt", () => {
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

  it.each([
    { language: "en", dir: "ltr" },
    { language: "ur", dir: "rtl" },
  ])("$language: JavaScript off, start to receipt, every page easy read", { timeout: 180_000 }, async ({ language, dir }) => {
    const t = translator(language);
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    const fetched: { type: string; url: string }[] = [];
    page.on("request", (request) => fetched.push({ type: request.resourceType(), url: request.url() }));

    /** axe-core runs in the page: it reads the same page in a context with JavaScript and this phone's cookies. */
    const withScript = async (work: (copy: Page) => Promise<void>) => {
      const scripted: BrowserContext = await phoneContext(browser, { javaScript: true });
      try {
        await scripted.addCookies(await context.cookies());
        await work(await scripted.newPage());
      } finally {
        await scripted.close();
      }
    };
    const checkAccessible = (url: string) =>
      withScript(async (copy) => {
        await copy.goto(url);
        await expectAccessible(copy);
      });

    /** What every easy read page has: the language and direction, larger text, no script, a small page. */
    const expectEasyReadPage = async (titleKey: MessageKey | null, minimumPictures: number) => {
      await pageLoaded(page);
      expect(await page.locator("html").getAttribute("lang")).toBe(language);
      expect(await page.locator("html").getAttribute("dir")).toBe(dir);
      expect(await page.locator("main .easy-read").count()).toBe(1);
      expect(await page.locator("script").count()).toBe(0);
      if (titleKey) {
        expect(await page.title()).toBe(t(titleKey));
        expect((await page.locator("h1").textContent())?.trim()).toBe(t(titleKey));
      }
      expectCorrectAlternatives(await picturesOnPage(page), minimumPictures);
      const html = await (await page.request.get(page.url())).text();
      expect(zlib.gzipSync(html).length).toBeLessThan(9_000);
    };

    await page.goto(`${app.url}/language?to=${language}&back=/`);
    const start = `${app.url}/s/${app.publicIds[SLUG]}`;
    await page.goto(start);

    // Start: what the survey is, that answers are safe, consent in short sentences; no contact form.
    await expectEasyReadPage(null, 9);
    const main = page.locator("main");
    expect(await main.locator("input[name=contact_name], input[name=contact_detail], input[name=follow_up]").count()).toBe(0);
    expect(await main.locator("input[type=checkbox]").evaluateAll((boxes) => boxes.map((b) => b.getAttribute("name")))).toEqual([
      "participate",
      "special_category",
      "quotes",
    ]);
    const startText = (await main.textContent()) ?? "";
    expect(startText).not.toMatch(/special category/i);
    expect(startText).not.toContain(t("start.consent.special_category.young_person"));
    expect(startText).toContain(t("easyRead.start.safe.help"));
    expect((await page.locator("label[for=special_category]").textContent())?.trim()).toBe(t("easyRead.start.consent.special_category"));
    expect((await page.locator("label[for=participate]").textContent())?.trim()).toBe(t("easyRead.start.consent.participate"));
    // Each box is named by its sentence alone: the picture inside the label adds nothing to it.
    expect(await page.getByRole("checkbox", { name: t("easyRead.start.consent.quotes"), exact: true }).count()).toBe(1);
    // Larger text than the standard pages, big boxes, and the picture before its sentence (on the right in Urdu).
    const pointSize = await page
      .locator(".easy-read-point__text")
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const bodySize = await page.locator("body").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(pointSize).toBeGreaterThan(bodySize);
    for (const box of await page.locator("main .checkboxes__input").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()))) {
      expect(box.width).toBeGreaterThanOrEqual(24);
      expect(box.height).toBeGreaterThanOrEqual(24);
    }
    const [picture, sentence] = await Promise.all([
      page.locator(".easy-read-point svg").first().boundingBox(),
      page.locator(".easy-read-point__text").first().boundingBox(),
    ]);
    expect(dir === "rtl" ? picture!.x > sentence!.x : picture!.x < sentence!.x).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await checkAccessible(start);

    // Starting without the two needed boxes: easy read errors, linked to their boxes.
    await page.locator("main form button[type=submit]").click();
    await page.locator(".error-summary").waitFor();
    await pageLoaded(page);
    expect(await page.locator(".error-summary a").allTextContents()).toEqual([
      t("easyRead.start.error.participate"),
      t("easyRead.start.error.special_category"),
    ]);
    expect(await page.locator(".error-summary a").evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual([
      "#participate",
      "#special_category",
    ]);
    expect(await page.locator("main .easy-read").count()).toBe(1);
    await withScript(async (copy) => {
      await copy.goto(start);
      await copy.locator("main form button[type=submit]").click();
      await copy.locator(".error-summary").waitFor();
      await pageLoaded(copy);
      await expectAccessible(copy);
    });

    await page.locator("#participate").check();
    await page.locator("#special_category").check();
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL(/\/q\/yp_overall_experience$/);

    // Stop and come back: the code, what to do with it, and on with the survey.
    await page.locator("form button[value=save]").click();
    await page.waitForURL(/\/save$/);
    await expectEasyReadPage("easyRead.save.title", 4);
    expect(await page.getByTestId("resume-code").textContent()).toMatch(/^[0-9A-Z-]{5,20}$/);
    expect((await main.textContent()) ?? "").toContain(t("easyRead.save.keep"));
    await checkAccessible(page.url());
    await page.getByRole("link", { name: t("easyRead.save.continue") }).click();
    await page.waitForURL(/\/q\//);

    // Check answers, then send.
    await answerAll(page);
    expect(page.url()).toMatch(/\/check$/);
    await expectEasyReadPage("easyRead.check.title", 3);
    expect(await page.locator(".summary-list__row").count()).toBe(5);
    await checkAccessible(page.url());
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL(/\/done$/);

    // Done: thank you, the receipt code, what it is for, what happens next.
    await expectEasyReadPage("easyRead.done.title", 7);
    const receiptCode = (await page.getByTestId("receipt-code").textContent())?.trim() ?? "";
    expect(receiptCode).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{2}$/);
    expect((await main.textContent()) ?? "").toContain(t("easyRead.done.takeBack"));
    await checkAccessible(page.url());

    // The receipt page, in easy read: find the response, then take it back.
    await page.getByRole("link", { name: t("easyRead.done.receiptLink") }).click();
    await page.waitForURL(/\/receipt\?easy=1$/);
    await expectEasyReadPage(null, 1);
    expect(await page.title()).toBe(t("easyRead.receipt.title"));
    await checkAccessible(page.url());
    await withScript(async (copy) => {
      // Found, then "delete" without the box ticked: the error is easy read too.
      await copy.goto(`${app.url}/receipt?easy=1`);
      await copy.locator("#code").fill(receiptCode);
      await copy.locator("main form button[type=submit]").click();
      await copy.getByTestId("receipt-found").waitFor();
      await pageLoaded(copy);
      await expectAccessible(copy);
      await copy.locator("main button[value=withdraw]").click();
      await copy.locator(".error-summary").waitFor();
      await pageLoaded(copy);
      expect((await copy.locator(".error-summary a").textContent())?.trim()).toBe(t("easyRead.receipt.withdraw.error"));
      await expectAccessible(copy);
    });
    await page.locator("#code").fill(receiptCode);
    await page.locator("main form button[type=submit]").click();
    await page.getByTestId("receipt-found").waitFor();
    await pageLoaded(page);
    expect(await page.locator("main .easy-read").count()).toBe(1);
    expect((await page.getByTestId("receipt-found").textContent()) ?? "").toContain(
      language === "en" ? "We have your answers to" : "آپ کے جوابات ہمارے پاس ہیں",
    );
    expectCorrectAlternatives(await picturesOnPage(page), 3);
    await page.locator("#confirm").check();
    await page.locator("main button[value=withdraw]").click();
    await page.waitForURL(/\/receipt\/withdrawn\?easy=1$/);
    await expectEasyReadPage("easyRead.receipt.withdrawn.title", 1);
    await checkAccessible(page.url());

    // Nothing but the pages themselves and their stylesheet: no script, no picture fetched.
    expect(fetched.filter((f) => f.type === "script")).toEqual([]);
    expect(fetched.filter((f) => f.type === "image" && !f.url.endsWith("/favicon.svg"))).toEqual([]);
    await context.close();
  });

  it("a young person who finds their receipt through the standard page gets the easy read page once it is found", async () => {
    const context = await phoneContext(browser, { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/s/${app.publicIds[SLUG]}`);
    await page.locator("#participate").check();
    await page.locator("#special_category").check();
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL(/\/q\//);
    await answerAll(page);
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL(/\/done$/);
    const code = (await page.getByTestId("receipt-code").textContent())?.trim() ?? "";
    await page.goto(`${app.url}/receipt`);
    expect(await page.locator("main .easy-read").count()).toBe(0);
    await page.locator("#code").fill(code);
    await page.locator("main form button[type=submit]").click();
    await page.getByTestId("receipt-found").waitFor();
    await pageLoaded(page);
    expect(await page.locator("main .easy-read").count()).toBe(1);
    expect((await page.locator("h1").textContent())?.trim()).toBe(translator("en")("easyRead.receipt.title"));
    await context.close();
  });
});
