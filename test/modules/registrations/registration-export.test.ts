import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  type ColumnKey,
  type RegistrationTableOptions,
  registrationTable,
} from "../../../src/modules/registrations/registration-export.js";
import type { RegistrationRow } from "../../../src/platform/db/schema.js";
import { type Cell, type ExportTable, toCsv, toXlsx } from "../../../src/platform/files/spreadsheet.js";

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
    licence_path: null,
    licence_kind: null,
    status: "approved",
    waitlisted_at: null,
    offer_expires_at: null,
    offered_booths: null,
    reject_code: null,
    reject_reason: null,
    decided_by: null,
    decided_at: null,
    duplicate_of: null,
    created_at: "2026-11-23 02:00:00",
    updated_at: "2026-11-23 02:00:00",
    ...overrides,
  };
}

const column = (table: ExportTable, key: ColumnKey): Cell[] => {
  const index = Object.keys(HEADERS).indexOf(key);
  return table.rows.map((row) => row[index]!);
};

describe("registrationTable", () => {
  it("gives the headers in column order", () => {
    expect(registrationTable([], OPTIONS).headers).toEqual(Object.values(HEADERS));
  });

  it("writes a registration as the caller's labels and sector names, with numbers and dates as such", () => {
    const row = registration({ licence_kind: "photo", licence_file_id: "AgAD", decided_at: "2026-11-24T09:30:00.000Z" });
    const [cells] = registrationTable([row], OPTIONS).rows;
    expect(cells).toEqual([
      row.reference,
      "Đã duyệt",
      "Công ty TNHH Đông Á",
      "VN",
      "0100233488",
      "Nông sản; Dệt may",
      2,
      "Nguyễn Văn An",
      "+84912345678",
      "an@donga.com.vn",
      "ảnh",
      null,
      null,
      null,
      new Date("2026-11-23T02:00:00Z"),
      new Date("2026-11-24T09:30:00Z"),
    ]);
  });

  it("reads a date written by SQLite and one written as ISO 8601 as the same instant", () => {
    const row = registration({ created_at: "2026-11-30 16:59:00", decided_at: "2026-11-30T16:59:00Z" });
    const table = registrationTable([row], OPTIONS);
    expect(column(table, "createdAt")).toEqual([new Date("2026-11-30T16:59:00Z")]);
    expect(column(table, "decidedAt")).toEqual([new Date("2026-11-30T16:59:00Z")]);
  });

  it("hands the zone asked for to the writers, which show dates in it", () => {
    const table = registrationTable([registration({ created_at: "2026-11-30 16:59:00" })], { ...OPTIONS, zone: "Asia/Shanghai" });
    expect(table.zone).toBe("Asia/Shanghai");
    expect(toCsv(table).toString("utf8")).toContain(",2026-12-01 00:59,");
  });

  it("keeps a stored date it cannot read as its text, so nothing is lost", () => {
    expect(column(registrationTable([registration({ decided_at: "soon" })], OPTIONS), "decidedAt")).toEqual(["soon"]);
  });

  it("numbers each fair's waitlist by when companies joined it", () => {
    const rows = [
      registration({ status: "waitlisted", waitlisted_at: "2026-11-25T03:00:00Z" }),
      registration({ status: "waitlisted", waitlisted_at: "2026-11-24T03:00:00Z" }),
      registration({ status: "waitlisted", waitlisted_at: "2026-11-20T03:00:00Z", fair_id: "mong-cai-2026" }),
      registration({ status: "approved" }),
    ];
    expect(column(registrationTable(rows, OPTIONS), "waitlistPosition")).toEqual([2, 1, 1, null]);
  });

  it("shows when an offer of freed booths expires", () => {
    const row = registration({ status: "offered", offer_expires_at: "2026-11-26T16:59:00.000Z" });
    expect(column(registrationTable([row], OPTIONS), "offerExpiresAt")).toEqual([new Date("2026-11-26T16:59:00Z")]);
  });

  it("keeps the stored sectors text when it is not a JSON list", () => {
    expect(column(registrationTable([registration({ sectors: "agri" })], OPTIONS), "sectors")).toEqual(["agri"]);
  });
});

describe("toCsv", () => {
  const table: ExportTable = { headers: ["a", "b"], rows: [["x", "y"]] };
  /** The CSV's one column below its header, as a CSV reader (and Excel, before it evaluates) gets it. */
  const fields = (rows: Cell[][], zone?: string): string[] =>
    (parse(toCsv({ headers: ["h"], rows, zone }).toString("utf8"), { bom: true }) as string[][])
      .slice(1)
      .map(([field]) => field!);

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

  it("stops a company name from running as a spreadsheet formula", () => {
    const csv = toCsv({ headers: ["h"], rows: [['=HYPERLINK("http://x")'], ["@SUM(A1)"]] });
    expect(csv.toString("utf8")).toBe('\uFEFFh\r\n"\'=HYPERLINK(""http://x"")"\r\n\'@SUM(A1)\r\n');
  });

  it("writes a tax code with a leading zero as an Excel text formula, so the zero survives", () => {
    expect(fields([["0100233488"]])).toEqual(['="0100233488"']);
  });

  it("writes a phone of digits after a + as an Excel text formula, so the + survives", () => {
    expect(fields([["+84912345678"]])).toEqual(['="+84912345678"']);
  });

  it("writes a 12-digit personal id as an Excel text formula, so Excel shows no scientific notation", () => {
    expect(fields([["001203012345"], ["791203012345"]])).toEqual(['="001203012345"', '="791203012345"']);
  });

  it("leaves digits that Excel shows unchanged, and codes with a dash, as they are", () => {
    expect(fields([["300"], ["0314409058-002"], ["-5"]])).toEqual(["300", "0314409058-002", "-5"]);
  });

  it("writes numbers as plain digits and an empty cell as nothing", () => {
    expect(toCsv({ headers: ["a", "b", "c"], rows: [[2, null, 0.5]] }).toString("utf8")).toBe("\uFEFFa,b,c\r\n2,,0.5\r\n");
  });

  it("writes a date as the wall-clock time in the table's zone", () => {
    expect(fields([[new Date("2026-11-23T02:00:00Z")]], "Asia/Ho_Chi_Minh")).toEqual(["2026-11-23 09:00"]);
  });

  it("writes a date in UTC when the table names no zone", () => {
    expect(fields([[new Date("2026-11-23T02:00:00Z")]])).toEqual(["2026-11-23 02:00"]);
  });
});

describe("toXlsx", () => {
  async function readBack(buffer: Buffer): Promise<ExcelJS.Worksheet> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    return workbook.worksheets[0]!;
  }

  const rows = [
    registration({ company: "广西凭祥进出口贸易有限公司", country: "CN", tax_id: "91350100M000100Y43", phone: "+8613800138000" }),
    registration({ status: "waitlisted", waitlisted_at: "2026-11-24T03:00:00Z", reject_reason: "Thiếu giấy phép, gửi lại" }),
  ];
  const table = registrationTable(rows, OPTIONS);
  const columnOf = (key: ColumnKey): number => Object.keys(HEADERS).indexOf(key) + 1;

  it("reads back with the same headers and text cells, Vietnamese and Chinese included", async () => {
    const sheet = await readBack(await toXlsx(table, "Hội chợ Lào Cai"));
    expect(sheet.getRow(1).values).toEqual([undefined, ...table.headers]);
    table.rows.forEach((cells, r) => {
      cells.forEach((cell, i) => {
        if (typeof cell === "string") expect(sheet.getRow(r + 2).getCell(i + 1).value).toBe(cell);
      });
    });
  });

  it("stores tax ids and phones as text, so leading zeros and + survive", async () => {
    const sheet = await readBack(await toXlsx(table, "Export"));
    const taxId = sheet.getRow(3).getCell(columnOf("taxId"));
    expect(taxId.type).toBe(ExcelJS.ValueType.String);
    expect(taxId.value).toBe("0100233488");
    expect(sheet.getRow(2).getCell(columnOf("phone")).value).toBe("+8613800138000");
  });

  it("stores booths and waitlist positions as numbers", async () => {
    const sheet = await readBack(await toXlsx(table, "Export"));
    const booths = sheet.getRow(2).getCell(columnOf("booths"));
    expect(booths.type).toBe(ExcelJS.ValueType.Number);
    expect(booths.value).toBe(2);
    expect(sheet.getRow(3).getCell(columnOf("waitlistPosition")).value).toBe(1);
  });

  it("stores the registration date as an Excel date showing the office's wall-clock time", async () => {
    const sheet = await readBack(await toXlsx(table, "Export"));
    const createdAt = sheet.getRow(2).getCell(columnOf("createdAt"));
    expect(createdAt.type).toBe(ExcelJS.ValueType.Date);
    // Excel has no time zones: the stored date's UTC fields are what it shows.
    expect((createdAt.value as Date).toISOString()).toBe("2026-11-23T09:00:00.000Z");
    expect(createdAt.numFmt).toBe("yyyy-mm-dd hh:mm");
  });

  it("leaves a missing date or waitlist position an empty cell", async () => {
    const sheet = await readBack(await toXlsx(table, "Export"));
    expect(sheet.getRow(2).getCell(columnOf("decidedAt")).type).toBe(ExcelJS.ValueType.Null);
    expect(sheet.getRow(2).getCell(columnOf("waitlistPosition")).type).toBe(ExcelJS.ValueType.Null);
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
    const company = sheet.getColumn(columnOf("company")).width!;
    expect(company).toBeGreaterThanOrEqual(26); // 13 Chinese characters
    expect(sheet.getColumn(columnOf("booths")).width).toBeLessThan(company);
  });

  it("sizes a date column to the date as Excel shows it", async () => {
    const sheet = await readBack(await toXlsx({ headers: ["d"], rows: [[new Date("2026-11-23T02:00:00Z")]] }, "Export"));
    const width = sheet.getColumn(1).width!;
    expect(width).toBeGreaterThan("2026-11-23 09:00".length);
    expect(width).toBeLessThan("2026-11-23 09:00".length + 5);
  });

  it("makes a fair name a sheet name Excel accepts", async () => {
    const sheet = await readBack(await toXlsx(table, "Hội chợ Thương mại Quốc tế Việt – Trung [Lào Cai] 2026"));
    expect(sheet.name).toBe("Hội chợ Thương mại Quốc tế Việt");
  });
});
