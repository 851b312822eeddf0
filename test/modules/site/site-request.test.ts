import type http from "node:http";
import { describe, expect, it } from "vitest";
import { requestLocale, requestOrigin } from "../../../src/modules/site/site-request.js";

const request = (headers: http.IncomingHttpHeaders) => ({ headers }) as http.IncomingMessage;

describe("the language of a page", () => {
  it("is ?lang when the site speaks it", () => {
    expect(requestLocale("zh", "en", "vi")).toBe("zh");
  });

  it("is otherwise the browser's most wanted language the site speaks", () => {
    expect(requestLocale(null, "fr-FR,fr;q=0.9,en;q=0.5,zh-CN;q=0.7", "vi")).toBe("zh");
    expect(requestLocale("de", "en-GB", "vi")).toBe("en");
    expect(requestLocale(null, "zh-Hans-CN, en;q=0", "vi")).toBe("zh");
  });

  it("is the default when neither names one", () => {
    expect(requestLocale(null, undefined, "vi")).toBe("vi");
    expect(requestLocale(null, "fr, de;q=0.5, en;q=0", "vi")).toBe("vi");
  });
});

describe("the site's address in absolute links", () => {
  it("is SITE_URL when set", () => {
    expect(requestOrigin(request({ host: "evil.example" }), "https://fairs.example.vn")).toBe("https://fairs.example.vn");
  });

  it("is what the reverse proxy passes on, else the Host header", () => {
    expect(
      requestOrigin(
        request({ host: "127.0.0.1:3000", "x-forwarded-proto": "https", "x-forwarded-host": "fairs.example.vn" }),
        undefined,
      ),
    ).toBe("https://fairs.example.vn");
    expect(requestOrigin(request({ host: "127.0.0.1:3000" }), undefined)).toBe("http://127.0.0.1:3000");
  });

  it("never takes a Host that could break out of a link", () => {
    expect(requestOrigin(request({ host: 'x"><script>' }), undefined)).toBe("http://localhost");
  });
});
