/**
 * Measurements axe-core does not make, or makes only in part, taken in the page as a visitor sees
 * it: sideways scrolling, the size and spacing of what can be tapped (WCAG 2.2, 2.5.8), and
 * whether the element with keyboard focus shows it.
 */
import type { Page } from "playwright-core";

/** How far a page scrolls sideways, in CSS pixels (0: it fits). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Targets smaller than 24 × 24 CSS px that WCAG 2.5.8 does not excuse, described as
 * "<tag> "<name>" w×h". Excused: a link in a sentence (its height is the line's), and an
 * undersized target whose 24 px circle, centred on it, meets no other target nor another
 * undersized target's circle. Hidden targets (and a skip link off screen) are not targets.
 */
export async function undersizedTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const MIN = 24;
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex='-1'])";
    const visible = (element: Element, rect: DOMRect) => {
      if (rect.width === 0 || rect.height === 0) return false;
      if (rect.right <= 0 || rect.bottom <= 0) return false;
      const style = getComputedStyle(element);
      if (style.visibility === "hidden") return false;
      // Visually hidden text (a 1 px clipped box) is for screen readers, not a target.
      return !(rect.width <= 1 && rect.height <= 1);
    };
    /** In a sentence: an inline element with other words beside it in its block. */
    const inSentence = (element: Element) => {
      if (getComputedStyle(element).display !== "inline") return false;
      let block = element.parentElement;
      while (block && getComputedStyle(block).display === "inline") block = block.parentElement;
      if (!block) return false;
      const own = (element.textContent ?? "").trim().length;
      return (block.textContent ?? "").trim().length > own + 1;
    };
    const targets = [...document.querySelectorAll(selector)]
      .map((element) => ({ element, rect: element.getBoundingClientRect() }))
      .filter(({ element, rect }) => visible(element, rect));
    const undersized = (rect: DOMRect) => rect.width < MIN - 0.01 || rect.height < MIN - 0.01;
    const centre = (rect: DOMRect) => ({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
    const circleMeetsRect = (c: { x: number; y: number }, rect: DOMRect) => {
      const dx = Math.max(rect.left - c.x, 0, c.x - rect.right);
      const dy = Math.max(rect.top - c.y, 0, c.y - rect.bottom);
      return dx * dx + dy * dy < (MIN / 2) * (MIN / 2);
    };
    const problems: string[] = [];
    for (const target of targets) {
      if (!undersized(target.rect) || inSentence(target.element)) continue;
      const c = centre(target.rect);
      const crowded = targets.some((other) => {
        if (other === target || other.element.contains(target.element) || target.element.contains(other.element)) return false;
        if (circleMeetsRect(c, other.rect)) return true;
        if (!undersized(other.rect)) return false;
        const o = centre(other.rect);
        return Math.hypot(o.x - c.x, o.y - c.y) < MIN;
      });
      if (!crowded) continue;
      const name = (target.element.getAttribute("aria-label") ?? target.element.textContent ?? target.element.getAttribute("name") ?? "")
        .trim()
        .slice(0, 40);
      problems.push(`${target.element.tagName.toLowerCase()} "${name}" ${Math.round(target.rect.width)}×${Math.round(target.rect.height)}`);
    }
    return problems;
  });
}

/**
 * What has keyboard focus, and whether it shows it: an outline that is not transparent, or a box
 * shadow. Null when nothing but the page has focus.
 */
export async function focusedElement(page: Page): Promise<{ description: string; visible: boolean } | null> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body || element === document.documentElement) return null;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== "rgba(0, 0, 0, 0)";
    const shadowed = style.boxShadow !== "none";
    const name = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
    const id = element.id ? `#${element.id}` : "";
    const value = element.getAttribute("value") ? `[value=${element.getAttribute("value")}]` : "";
    return { description: `${element.tagName.toLowerCase()}${id}${value} "${name}"`, visible: outlined || shadowed };
  });
}
