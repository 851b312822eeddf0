import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  type ColumnKey,
  type RegistrationTableOptions,
  registrationTable,
} from "../../../src/modules/registrations/registration-export.js";
import type { RegistrationRow } from "../../../src/platform/db/schema.js";
import { type ExportTable, toCsv, toXlsx } from "../../../src/platform/files/spreadsheet.js";

const HEADERS: Record<ColumnKey, string> = {
  reference: "Mã hồ sơ",
  status: "Trạng thái",
  company: "Doanh nghiệp",
  country: "Quốc gia",
  taxId: "Mã số thuế",
  sectors: "Ngành hàng",
  booths: "Số gian",
  contactPerson: "Người liên hệ",
  phone: "Điện thoại",
  email: "E-mail",
  licence: "Giấy phép",
  waitlistPosition: "Thứ tự chờ",
  offerExpiresAt: "Hạn nhận gian",
  rejectReason: "Lý do từ chối",
  createdAt: "Ngày đăng ký",
  decidedAt: "Ngày duyệt",
};

const SECTORS: Record<string, string> = { agri: "Nông sản", textiles: "Dệt may" };

const OPTIONS: RegistrationTableOptions = {
  headers: HEADERS,
  statusLabel: (status) => ({ approved: "Đã duyệt", waitlisted: "Chờ" })[status as string] ?? status,
  sectorName: (id) => SECTORS[id] ?? id,
  licenceLabel: (kind) => (kind === null ? "không" : kind === "photo" ? "ảnh" : "tệp"),
  zone: "Asia/Ho_Chi_Minh",
};

let nextId = 1;
function registration(overrides: Partial<RegistrationRow> = {}): RegistrationRow {
  const id = nextId++;
  return {
    id,
    reference: `LS26-${String(id).padStart(4, "0")}`,
    fair_id: "lao-cai-2026",
    user_id: 1000 + id,
    company: "Công ty TNHH Đông Á",
    country: "VN",
    tax_id: "0100233488",
    sectors: JSON.stringify(["agri", "textiles"]),
    booths: 2,
    contact_person: "Nguyễn Văn An",
    phone: "+84912345678",
    email: "an@donga.com.vn",
    licence_file_id: null,
    licence_kind: null,
    status: "approved",
    waitlisted_at: null,
    offer_expires_at: null,
    offered_booths: null,
    reject_reason: null,
    decided_by: null,
    decided_at: null,
    duplicate_of: null,
    created_at: "2026-11-23 02:00:00",
    updated_at: "2026-11-23 02:00:00",
    ...overrides,
  };
}

const column = (table: ExportTable, key: ColumnKey): string[] => {
  const index = Object.keys(HEADERS).indexOf(key);
  return table.rows.map((row) => row[index]!);
};

describe("registrationTable", () => {
  it("gives the headers in column order", () => {
    expect(registrationTable([], OPTIONS).headers).toEqual(Object.values(HEADERS));
  });

  it("writes a registration as the caller's labels and sector names", () => {
    const row = registration({ licence_kind: "photo", licence_file_id: "AgAD", decided_at: "2026-11-24T09:30:00.000Z" });
    const [cells] = registrationTable([row], OPTIONS).rows;
    expect(cells).toEqual([
      row.reference,
      "Đã duyệt",
      "Công ty TNHH Đông Á",
      "VN",
      "0100233488",
      "Nông sản; Dệt may",
      "2",
      "Nguyễn Văn An",
      "+84912345678",
      "an@donga.com.vn",
      "ảnh",
      "",
      "",
      "",
      "2026-11-23 09:00",
      "2026-11-24 16:30",
    ]);
  });

  it("shows dates in the zone asked for, whether SQLite or ISO wrote them", () => {
    const row = registration({ created_at: "2026-11-30 16:59:00", decided_at: "2026-11-30T16:59:00Z" });
    const table = registrationTable([row], { ...OPTIONS, zone: "Asia/Shanghai" });
    expect(column(table, "createdAt")).toEqual(["2026-12-01 00:59"]);
    expect(column(table, "decidedAt")).toEqual(["2026-12-01 00:59"]);
  });

  it("numbers each fair's waitlist by when companies joined it", () => {
    const rows = [
      registration({ status: "waitlisted", waitlisted_at: "2026-11-25T03:00:00Z" }),
      registration({ status: "waitlisted", waitlisted_at: "2026-11-24T03:00:00Z" }),
      registration({ status: "waitlisted", waitlisted_at: "2026-11-20T03:00:00Z", fair_id: "mong-cai-2026" }),
      registration({ status: "approved" }),
    ];
    expect(column(registrationTable(rows, OPTIONS), "waitlistPosition")).toEqual(["2", "1", "1", ""]);
  });

  it("shows when an offer of freed booths expires", () => {
    const row = registration({ status: "offered", offer_expires_at: "2026-11-26T16:59:00.000Z" });
    expect(column(registrationTable([row], OPTIONS), "offerExpiresAt")).toEqual(["2026-11-26 23:59"]);
  });

  it("keeps the stored sectors text when it is not a JSON list", () => {
    expect(column(registrationTable([registration({ sectors: "agri" })], OPTIONS), "sectors")).toEqual(["agri"]);
  });
});

describe("toCsv", () => {
  const table: ExportTable = { headers: ["a", "b"], rows: [["x", "y"]] };

  it("starts with a UTF-8 byte-order mark", () => {
    expect([...toCsv(table).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("ends every line, the last one included, with CRLF", () => {
    expect(toCsv(table).toString("utf8")).toBe("\uFEFFa,b\r\nx,y\r\n");
  });

  it("quotes fields with commas, quotes or line breaks and doubles inner quotes", () => {
    const csv = toCsv({ headers: ["h"], rows: [["Đông Á, Lạng Sơn"], ['Công ty "Hoa Mai"'], ["dòng 1\ndòng 2"], ["plain"]] });
    expect(csv.toString("utf8")).toBe('\uFEFFh\r\n"Đông Á, Lạng Sơn"\r\n"Công ty ""Hoa Mai"""\r\n"dòng 1\ndòng 2"\r\nplain\r\n');
  });

  it("keeps Vietnamese and Chinese text intact", () => {
    const csv = toCsv({ headers: ["公司"], rows: [["广西凭祥进出口贸易有限公司"], ["Nguyễn Thị Hường"]] });
    expect(csv.toString("utf8")).toBe("\uFEFF公司\r\n广西凭祥进出口贸易有限公司\r\nNguyễn Thị Hường\r\n");
  });

  it("stops a company name from running as a spreadsheet formula but leaves phone numbers alone", () => {
    const csv = toCsv({ headers: ["h"], rows: [['=HYPERLINK("http://x")'], ["@SUM(A1)"], ["+84912345678"]] });
    expect(csv.toString("utf8")).toBe('\uFEFFh\r\n"\'=HYPERLINK(""http://x"")"\r\n\'@SUM(A1)\r\n+84912345678\r\n');
  });
});

describe("toXlsx", () => {
  async function readBack(buffer: Buffer): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return workbook.worksheets[0]!;
  }
  const texts = (sheet: ExcelJS.Worksheet): string[][] =>
    sheet.getRows(1, sheet.rowCount)!.map((row) => Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).text));

  const rows = [
    registration({ company: "广西凭祥进出口贸易有限公司", country: "CN", tax_id: "91350100M000100Y43", phone: "+8613800138000" }),
    registration({ status: "waitlisted", waitlisted_at: "2026-11-24T03:00:00Z", reject_reason: "Thiếu giấy phép, gửi lại" }),
  ];
  const table = registrationTable(rows, OPTIONS);

  it("reads back with the same headers and cells, Vietnamese and Chinese included", async () => {
    const sheet = await readBack(await toXlsx(table, "Hội chợ Lào Cai"));
    expect(texts(sheet)).toEqual([table.headers, ...table.rows]);
  });

  it("stores tax ids and phones as text, so leading zeros and + survive", async () => {
    const sheet = await readBack(await toXlsx(table, "Export"));
    const taxId = sheet.getRow(3).getCell(5);
    expect(taxId.type).toBe(ExcelJS.ValueType.String);
    expect(taxId.value).toBe("0100233488");
    expect(sheet.getRow(2).getCell(9).value).toBe("+8613800138000");
  });

  it("has a bold, frozen header row with filters over every column", async () => {
    const sheet = await readBack(await toXlsx(table, "Export"));
    for (let i = 1; i <= table.headers.length; i++) expect(sheet.getRow(1).getCell(i).font?.bold).toBe(true);
    expect(sheet.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:P1");
  });

  it("sizes columns to their text, Chinese characters counting double", async () => {
    const sheet = await readBack(await toXlsx(table, "Export"));
    const company = sheet.getColumn(3).width!;
    expect(company).toBeGreaterThanOrEqual(26); // 13 Chinese characters
    expect(sheet.getColumn(7).width).toBeLessThan(company);
  });

  it("makes a fair name a sheet name Excel accepts", async () => {
    const sheet = await readBack(await toXlsx(table, "Hội chợ Thương mại Quốc tế Việt – Trung [Lào Cai] 2026"));
    expect(sheet.name).toBe("Hội chợ Thương mại Quốc tế Việt");
  });
});
