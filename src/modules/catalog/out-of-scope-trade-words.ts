import { ASKS_COST, type TopicWords } from "./out-of-scope-words.js";

// Goods people ask the market price of. Only "giá sầu riêng", "榴莲什么价", "price of durian" and the
// like are out of scope: a fair's agriculture section is about the same goods. Not "cua" (giá của),
// "đất" (giá đặt gian), "điện" (giá diện tích), "tiêu" (giá tiêu chuẩn), "hồi" (hỏi giá), "nhà" (báo
// giá nha): folded, they are the words of a question about a booth's price.
const GOODS = {
  vi: [
    ...["thanh long", "sầu riêng", "vải thiều", "vải", "nhãn", "chuối", "dưa hấu", "xoài", "mít", "gạo", "cà phê"],
    ...["hạt điều", "tôm", "tôm hùm", "hải sản", "trái cây", "hoa quả", "rau", "thịt", "lợn", "heo"],
    ...["sắn", "tinh bột sắn", "quế", "phân bón", "thép", "than", "gỗ", "thuê nhà", "xe tải"],
  ],
  zh: [
    ...["榴莲", "火龙果", "荔枝", "龙眼", "香蕉", "西瓜", "芒果", "菠萝蜜", "大米", "咖啡", "腰果", "胡椒", "海鲜", "龙虾"],
    ...["水果", "蔬菜", "猪肉", "橡胶", "木薯", "肉桂", "八角", "化肥", "钢材", "煤", "木材", "房价", "地价", "电价"],
  ],
  en: [
    ...["durian", "dragon fruit", "lychee", "longan", "banana", "watermelon", "mango", "jackfruit", "rice", "coffee"],
    ...["cashew", "pepper", "seafood", "shrimp", "lobster", "fruit", "vegetable", "pork", "rubber", "cassava"],
    ...["cinnamon", "star anise", "fertilizer", "steel", "coal", "timber", "land", "electricity", "petrol", "diesel"],
  ],
};

/** "giá thanh long", "thanh long giá", "price of durian", "durian price": the market price of goods. */
export const MARKET_PRICES = [
  ...GOODS.vi.flatMap((g) => [`giá ${g}`, `${g} giá`, `${g} bao nhiêu một`, `${g} bao nhiêu 1`]),
  ...GOODS.en.flatMap((g) => [`price of ${g}`, `${g} price`, `${g} prices`]),
  ...["giá sỉ", "giá bán buôn", "giá thu mua", "thu mua", "thương lái", "giá nông sản"],
  ...["market price", "wholesale price", "going rate", "行情", "市场价", "批发价", "收购价"],
];

export const TRADE: TopicWords[] = [
  {
    topic: "tariff",
    words: [
      ...["thuế nhập khẩu", "thuế xuất khẩu", "biểu thuế", "thuế suất", "thuế quan", "thuế vat", "thuế gtgt", "mức thuế"],
      ...["đóng thuế", "nộp thuế", "chịu thuế", "chịu vat", "thuế bao nhiêu", "thue may", "miễn thuế", "giảm thuế"],
      ...["ưu đãi thuế", "chống bán phá giá", "acfta", "fta", "mã hs", "ma hs", "hạn ngạch"],
      ...["giấy chứng nhận xuất xứ", "c o form", "form e", "kiểm dịch", "kiểm dịch thực vật", "giấy phép nhập khẩu"],
      ...["giấy phép xuất khẩu", "khai hải quan", "thủ tục hải quan", "hồ sơ hải quan", "hàng cấm", "cấm nhập khẩu"],
      ...["cấm xuất khẩu"],
      ...["tariff", "customs duty", "import tax", "import duty", "export duty", "duty", "duties", "tax rate", "vat rate"],
      ...["quota", "hs code", "certificate of origin", "phytosanitary", "anti dumping", "excise", "free trade agreement"],
      ...["import licence", "import license", "export license", "export licence", "customs procedure"],
      ...["customs document", "prohibited good", "banned good"],
      ...["关税", "税率", "增值税", "消费税", "进口税", "出口税", "免税", "减税", "税费", "纳税", "交税", "反倾销"],
      ...["配额", "原产地证", "原产地", "检疫", "植物检疫", "海关编码", "商品编码", "hs编码", "税号", "进口许可"],
      ...["报关手续", "清关手续", "清关费", "报关费", "违禁", "禁止进口", "禁止出口"],
    ],
  },
  {
    topic: "visa",
    words: [
      ...["visa", "thị thực", "miễn thị thực", "hộ chiếu", "giấy thông hành", "sổ thông hành", "thẻ thông hành"],
      ...["xuất cảnh", "nhập cảnh", "giấy phép lao động", "thị thực tại cửa khẩu", "căn cước", "tạm trú"],
      ...["người nước ngoài", "khách du lịch", "foreigner", "tourist", "外国人", "外籍", "游客", "办什么证", "什么证件"],
      ...["办证"],
      ...["passport", "e visa", "evisa", "visa free", "visa on arrival", "border pass", "entry permit", "exit permit"],
      ...["work permit", "enter vietnam", "enter china", "residence permit"],
      ...["签证", "护照", "免签", "落地签", "签注", "通行证", "边民证", "出境", "入境", "工作许可", "居留"],
    ],
    pairs: [
      [
        ["giấy tờ", "document", "papers", "paperwork", "证件"],
        [
          ...["qua cửa khẩu", "sang trung quốc", "qua trung quốc", "để qua", "để sang"],
          ...["cross", "to china", "to vietnam", "过关", "过境", "去越南", "去中国"],
        ],
      ],
      [
        ["cần mang gì", "mang theo gì", "mang gì", "cần những gì", "what to bring", "需要带什么", "带什么", "需要什么"],
        ["qua cửa khẩu", "qua bên", "sang bên", "đi du lịch", "cross", "过关", "过境", "出境", "入境"],
      ],
    ],
  },
  {
    topic: "other",
    words: MARKET_PRICES,
    pairs: [
      [
        ["bring", "mang", "带"],
        ["across", "qua cửa khẩu", "qua biên giới", "过关", "过境", "入境", "出境"],
      ],
      [GOODS.zh, ["价", "多少钱", "行情"]],
      // A truck hired, a container shipped, goods carried: their price is a haulier's, not the offices'.
      [
        [
          ...["thuê xe", "xe tải", "xe container", "ghép xe", "vận chuyển", "chở hàng", "cont lạnh", "1 cont", "qua cửa khẩu"],
          ...["truck", "trucking", "reefer", "container", "ship", "shipping", "haulage"],
          ...["包车", "拼车", "租车", "货车", "物流", "运输", "运货", "货运", "拉货", "运一柜", "一柜", "运"],
        ],
        [...ASKS_COST, "giá thuê"],
      ],
    ],
  },
];
