import { describe, expect, it } from "vitest";
import { oneDecimal, percentFigure, wholeNumber } from "~/components/yswd-public";

/**
 * Published figures are rounded once, from exact counts (kpi-cells); the public pages then write
 * them in the reader's own digits, decimal sign and percent sign, never rounding again.
 */
describe("published figures in the reader's language", () => {
  it("writes 7 of 10 (70.0, 39.7 to 89.2) each language's way", () => {
    expect([percentFigure(70, "en"), oneDecimal(39.7, "en"), oneDecimal(89.2, "en")]).toEqual(["70.0%", "39.7", "89.2"]);
    expect([percentFigure(70, "bn"), oneDecimal(39.7, "bn")]).toEqual(["৭০.০%", "৩৯.৭"]);
    expect([percentFigure(70, "ps"), oneDecimal(39.7, "ps")]).toEqual(["۷۰٫۰٪", "۳۹٫۷"]);
    expect([percentFigure(70, "pl"), oneDecimal(39.7, "pl")]).toEqual(["70,0%", "39,7"]);
    expect(oneDecimal(39.7, "ro")).toBe("39,7");
  });

  it("keeps the published rounding: a figure already at one decimal place is never moved", () => {
    // 0.05 steps are where a second rounding would show: 12.3 stays 12.3, 0.1 stays 0.1.
    for (const value of [0, 0.1, 12.3, 39.7, 50.5, 99.9, 100]) {
      expect(Number(oneDecimal(value, "en"))).toBe(value);
      expect(percentFigure(value, "en")).toBe(`${value.toFixed(1)}%`);
    }
  });

  it("groups large counts as the language does", () => {
    expect(wholeNumber(1240, "en")).toBe("1,240");
    expect(wholeNumber(1240, "bn")).toBe("১,২৪০");
    expect(wholeNumber(1240, "pl")).toBe("1240");
  });
});
