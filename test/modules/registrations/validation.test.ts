import { describe, expect, it } from "vitest";
import {
  MAX_BOOTHS_PER_COMPANY,
  normalizePhone,
  validateBooths,
  validateEmail,
  validateName,
  validateTaxId,
} from "../../../src/modules/registrations/validation.js";

// Published codes (enterprise registers, python-stdnum's test lists) whose check digits were recomputed here.
const VN_VALID = ["0100233488", "0100112437", "0101245486", "2000102580", "0314409058-002", "2000102580-001"];
const CN_VALID = ["91350100M000100Y43", "91110000600037341L", "91440300568520498A", "91310115MA1K3BTP2B", "121200004013590816"];

describe("validateTaxId for Vietnam (MST)", () => {
  it("accepts published 10-digit and branch (10-3) numbers", () => {
    for (const mst of VN_VALID) expect(validateTaxId("VN", mst)).toEqual({ ok: true, value: mst });
  });

  it("removes spaces, dots and the stray dash of a typed number", () => {
    expect(validateTaxId("VN", " 0314 409 058 - 002 ")).toEqual({ ok: true, value: "0314409058-002" });
    expect(validateTaxId("VN", "01.00.112.437")).toEqual({ ok: true, value: "0100112437" });
    expect(validateTaxId("VN", "0314409058‑002")).toEqual({ ok: true, value: "0314409058-002" });
  });

  it("writes a branch number typed without its dash in the usual 10-3 form", () => {
    expect(validateTaxId("VN", "0100112437011")).toEqual({ ok: true, value: "0100112437-011" });
  });

  it("reports a wrong check digit as a checksum error", () => {
    expect(validateTaxId("VN", "0100233480")).toEqual({ ok: false, error: "tax_id_checksum" });
    expect(validateTaxId("VN", "0101234567")).toEqual({ ok: false, error: "tax_id_checksum" });
    expect(validateTaxId("VN", "0314409051-002")).toEqual({ ok: false, error: "tax_id_checksum" });
  });

  it("rejects every check digit of a prefix whose weighted sum is a multiple of 11", () => {
    // 010100006: 10 − (sum mod 11) would be 10, which is no digit, so such prefixes are never issued.
    for (let digit = 0; digit <= 9; digit++) {
      expect(validateTaxId("VN", `010100006${digit}`)).toEqual({ ok: false, error: "tax_id_checksum" });
    }
  });

  it("reports wrong lengths and letters as format errors", () => {
    for (const input of ["12345", "01002334881", "VV34567890", "0100233488-01", "0100233488-", "00108901234567", ""]) {
      expect(validateTaxId("VN", input)).toEqual({ ok: false, error: "tax_id_format" });
    }
  });

  it("accepts the 12-digit personal identification number household businesses use since July 2025", () => {
    // Hà Nội, a man born in 1989; Hồ Chí Minh City, a woman born in 2003; Lạng Sơn, spaced as on the card.
    expect(validateTaxId("VN", "001089012345")).toEqual({ ok: true, value: "001089012345" });
    expect(validateTaxId("VN", "079303001234")).toEqual({ ok: true, value: "079303001234" });
    expect(validateTaxId("VN", "020 185 004 321")).toEqual({ ok: true, value: "020185004321" });
  });

  it("refuses a 12-digit number without a province code or with a century digit no one alive has", () => {
    // 003 and 099 are no province's code; 4–9 in the fourth place mean births from 2100 on.
    for (const input of ["003089012345", "099089012345", "000089012345", "001489012345", "001989012345"]) {
      expect(validateTaxId("VN", input)).toEqual({ ok: false, error: "tax_id_format" });
    }
  });

  it("rejects a zero sequence number and branch 000, which are never issued", () => {
    expect(validateTaxId("VN", "0100000008")).toEqual({ ok: false, error: "tax_id_format" });
    expect(validateTaxId("VN", "0314409058-000")).toEqual({ ok: false, error: "tax_id_format" });
  });
});

describe("validateTaxId for China (unified social credit code)", () => {
  it("accepts published codes", () => {
    for (const code of CN_VALID) expect(validateTaxId("CN", code)).toEqual({ ok: true, value: code });
  });

  it("accepts a code whose check character is 0 because the weighted sum is a multiple of 31", () => {
    expect(validateTaxId("CN", "91620105L015101280")).toEqual({ ok: true, value: "91620105L015101280" });
  });

  it("upper-cases and removes spaces and full-width characters from Chinese keyboards", () => {
    expect(validateTaxId("CN", " 91350100 m000100y43 ")).toEqual({ ok: true, value: "91350100M000100Y43" });
    expect(validateTaxId("CN", "９１３５０１００Ｍ０００１００Ｙ４３")).toEqual({ ok: true, value: "91350100M000100Y43" });
  });

  it("reports a wrong check character as a checksum error", () => {
    expect(validateTaxId("CN", "91350100M000100Y44")).toEqual({ ok: false, error: "tax_id_checksum" });
    expect(validateTaxId("CN", "91110000600037341N")).toEqual({ ok: false, error: "tax_id_checksum" });
  });

  it("reports letters the code never uses, a lettered region code and wrong lengths as format errors", () => {
    for (const input of ["91350100M000100I43", "9111000060003IOZSV", "91AB0100M000100Y43", "91350100M000100Y4", "12345"]) {
      expect(validateTaxId("CN", input)).toEqual({ ok: false, error: "tax_id_format" });
    }
  });
});

describe("validateTaxId for other countries", () => {
  it("accepts 4 to 30 letters, digits and dashes, upper-cased without spaces", () => {
    expect(validateTaxId("other", " th 0105 5360 12345 ")).toEqual({ ok: true, value: "TH0105536012345" });
    expect(validateTaxId("other", "A1-B2")).toEqual({ ok: true, value: "A1-B2" });
  });

  it("rejects ids that are too short, too long, only dashes or carry other symbols", () => {
    for (const input of ["AB1", "X".repeat(31), "----", "12/345", "税号12345"]) {
      expect(validateTaxId("other", input)).toEqual({ ok: false, error: "tax_id_format" });
    }
  });
});

describe("normalizePhone", () => {
  it("reads a Vietnamese mobile in national form as E.164", () => {
    expect(normalizePhone("0912 345 678", "VN")).toEqual({ ok: true, value: "+84912345678" });
  });

  it("reads a Vietnamese landline with its area code", () => {
    expect(normalizePhone("024 3825 3536", "VN")).toEqual({ ok: true, value: "+842438253536" });
  });

  it("reads a Chinese mobile in national form as E.164", () => {
    expect(normalizePhone("138 0013 8000", "CN")).toEqual({ ok: true, value: "+8613800138000" });
  });

  it("reads a Chinese landline written internationally or with its trunk 0", () => {
    expect(normalizePhone("+86 10 6552 9988", "CN")).toEqual({ ok: true, value: "+861065529988" });
    expect(normalizePhone("0771-280-1234", "CN")).toEqual({ ok: true, value: "+867712801234" });
  });

  it("reads full-width digits typed on a Chinese keyboard", () => {
    expect(normalizePhone("１３８ ００１３ ８０００", "CN")).toEqual({ ok: true, value: "+8613800138000" });
  });

  it("keeps a number's own country prefix over the company's country", () => {
    expect(normalizePhone("+84 912 345 678", "CN")).toEqual({ ok: true, value: "+84912345678" });
  });

  it("asks companies from other countries for the country code", () => {
    expect(normalizePhone("0912 345 678", "other")).toEqual({ ok: false, error: "phone_country_code" });
    expect(normalizePhone("+856 20 5555 1234", "other")).toEqual({ ok: true, value: "+8562055551234" });
  });

  it("takes the 00 international prefix as + for companies from other countries", () => {
    expect(normalizePhone("00856 20 5555 1234", "other")).toEqual({ ok: true, value: "+8562055551234" });
  });

  it("rejects text, short numbers and numbers no operator issues", () => {
    for (const input of ["hello", "12345", "0912", "+84 123"])
      expect(normalizePhone(input, "VN")).toEqual({ ok: false, error: "phone_invalid" });
    expect(normalizePhone("138 0013", "CN")).toEqual({ ok: false, error: "phone_invalid" });
  });

  it("rejects a number with an extension, which E.164 cannot hold", () => {
    expect(normalizePhone("024 3825 3536 ext. 12", "VN")).toEqual({ ok: false, error: "phone_extension" });
  });
});

describe("validateEmail", () => {
  it("trims and lower-cases the domain but keeps the local part as typed", () => {
    expect(validateEmail(" Sales@CongTy.COM.VN ")).toEqual({ ok: true, value: "Sales@congty.com.vn" });
  });

  it("accepts a full-width @ from a Chinese keyboard", () => {
    expect(validateEmail("zhang_san＠163.com")).toEqual({ ok: true, value: "zhang_san@163.com" });
  });

  it("rejects addresses without a domain, with spaces or without @", () => {
    for (const input of ["sales@", "sales@congty", "sales @congty.vn", "congty.vn", ""]) {
      expect(validateEmail(input)).toEqual({ ok: false, error: "email_invalid" });
    }
  });

  it("rejects addresses longer than 254 characters", () => {
    const domain = `${"a".repeat(60)}.`.repeat(3) + "com"; // 186 characters, labels under 64
    expect(validateEmail(`${"x".repeat(64)}@${domain}`).ok).toBe(true); // 251
    expect(validateEmail(`${"x".repeat(64)}@${"b".repeat(10)}.${domain}`)).toEqual({ ok: false, error: "email_invalid" });
  });
});

describe("validateName", () => {
  it("accepts Vietnamese and Chinese company names", () => {
    expect(validateName("Công ty TNHH Đông Á")).toEqual({ ok: true, value: "Công ty TNHH Đông Á" });
    expect(validateName("广西凭祥进出口贸易有限公司")).toEqual({ ok: true, value: "广西凭祥进出口贸易有限公司" });
  });

  it("trims and collapses runs of whitespace, ideographic spaces included", () => {
    expect(validateName("  Công   ty\u3000TNHH\n Đông Á ")).toEqual({ ok: true, value: "Công ty TNHH Đông Á" });
  });

  it("composes tone marks typed as combining characters", () => {
    expect(validateName("Đông A\u0301")).toEqual({ ok: true, value: "Đông Á" });
  });

  it("accepts a two-character Chinese name and rejects a single character", () => {
    expect(validateName("王五").ok).toBe(true);
    expect(validateName(" 王 ")).toEqual({ ok: false, error: "name_length" });
  });

  it("counts characters outside the Basic Multilingual Plane once", () => {
    expect(validateName("𠀀".repeat(200)).ok).toBe(true);
    expect(validateName("𠀀".repeat(201))).toEqual({ ok: false, error: "name_length" });
  });
});

describe("validateBooths", () => {
  it("accepts a whole number from 1 to the maximum", () => {
    expect(validateBooths("1", 20)).toEqual({ ok: true, value: 1 });
    expect(validateBooths(" 20 ", 20)).toEqual({ ok: true, value: 20 });
  });

  it("accepts full-width digits", () => {
    expect(validateBooths("３", MAX_BOOTHS_PER_COMPANY)).toEqual({ ok: true, value: 3 });
    expect(validateBooths("１２", MAX_BOOTHS_PER_COMPANY)).toEqual({ ok: true, value: 12 });
  });

  it("reports zero and numbers above the maximum with the maximum", () => {
    expect(validateBooths("0", 20)).toEqual({ ok: false, error: "booths_range", max: 20 });
    expect(validateBooths("21", 20)).toEqual({ ok: false, error: "booths_range", max: 20 });
    expect(validateBooths("99999999999999999999999", 5)).toEqual({ ok: false, error: "booths_range", max: 5 });
  });

  it("reports words, decimals and signs as format errors", () => {
    for (const input of ["three", "三", "2.5", "-1", "+2", "1 2", ""]) {
      expect(validateBooths(input, 20)).toEqual({ ok: false, error: "booths_format" });
    }
  });
});
