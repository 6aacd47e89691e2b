import fs from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * The server matches every request's URL against the route table twice. Remix's router
 * flattens, ranks and compiles the whole table each time; `.patches/` (applied by
 * `npm ci`'s postinstall) keeps the ranked table per routes array and each compiled pattern.
 * These tests load the same copy of the router the server does.
 */
const require = createRequire(import.meta.url);
const routerPath = require.resolve("@remix-run/router");
const { matchRoutes } = require(routerPath) as typeof import("@remix-run/router");

type Route = import("@remix-run/router").AgnosticRouteObject;

const matchedIds = (routes: Route[], pathname: string) => matchRoutes(routes, pathname)?.map((m) => m.route.id) ?? null;
const params = (routes: Route[], pathname: string) => matchRoutes(routes, pathname)?.at(-1)?.params ?? null;

describe("route matching", () => {
  it("the installed router carries the project's patch", () => {
    const source = fs.readFileSync(routerPath, "utf8");
    expect(source).toContain("rankedBranchesCache");
    expect(source).toContain("compiledPathCache");
  });

  const routes: Route[] = [
    {
      id: "root",
      path: "",
      children: [
        { id: "home", index: true },
        { id: "question", path: "s/:publicId/q/:code" },
        { id: "check", path: "s/:publicId/check" },
        { id: "start", path: "s/:publicId" },
        { id: "results", path: "results/:publicId" },
        { id: "splat", path: "*" },
      ],
    },
  ];

  it("matches the same, with the same parameters, however often it is asked", () => {
    for (let round = 0; round < 3; round++) {
      expect(matchedIds(routes, "/")).toEqual(["root", "home"]);
      expect(matchedIds(routes, "/s/abcd1234/check")).toEqual(["root", "check"]);
      expect(params(routes, "/s/abcd1234/q/overall_experience")).toEqual({ publicId: "abcd1234", code: "overall_experience" });
      expect(params(routes, "/s/zzzz9999/q/ehcp_stage")).toEqual({ publicId: "zzzz9999", code: "ehcp_stage" });
      expect(matchedIds(routes, "/S/ABCD1234")).toEqual(["root", "start"]);
      expect(matchedIds(routes, "/nowhere/at/all")).toEqual(["root", "splat"]);
    }
  });

  it("a different route table is matched as itself, not from what was kept for another", () => {
    expect(matchedIds(routes, "/results/abcd1234")).toEqual(["root", "results"]);
    const fewer: Route[] = [{ id: "root", path: "", children: [{ id: "only", path: "s/:publicId" }] }];
    expect(matchedIds(fewer, "/results/abcd1234")).toBeNull();
    expect(matchedIds(fewer, "/s/abcd1234")).toEqual(["root", "only"]);
    const caseSensitive: Route[] = [{ id: "exact", path: "Exact", caseSensitive: true }];
    expect(matchedIds(caseSensitive, "/exact")).toBeNull();
    expect(matchedIds(caseSensitive, "/Exact")).toEqual(["exact"]);
  });
});
