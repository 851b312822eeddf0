/** What an out-of-scope question is about: the bot says it has no such data and who to ask. */
export type OutOfScopeTopic = "weather" | "exchange_rate" | "tariff" | "visa" | "other";

/**
 * Words of one topic the data cannot answer. A phrase alone is enough; a pair needs one phrase of
 * each list, for words that are ordinary on their own ("giấy tờ" is also a sign-up's papers, "ngân
 * hàng" a fair's banking sector). Written in natural spelling; folded once at load. Folded
 * Vietnamese loses its tones, so a word is left out when its toneless form is a common word of the
 * questions the data answers ("cơn bão" is "còn bao", of "còn bao nhiêu"; "băng giá" is "bảng giá", a
 * price list; "vé xe" is "về xe").
 */
export interface TopicWords {
  topic: OutOfScopeTopic;
  words: string[];
  pairs?: Array<[string[], string[]]>;
  /**
   * Words that share a word with a name ("kim ngạch" with Kim Thành, "tiền mặt" with năng lượng mặt
   * trời): they tell the topic, but unlike the others are no keywords, which would stop the shared
   * word from finding the name.
   */
  sharingNames?: string[];
}

/** How people ask what something costs, for the pairs of goods and services that the data does not price. */
export const ASKS_COST = [
  "bao nhiêu tiền",
  "giá bao nhiêu",
  "hết bao nhiêu",
  "mất bao nhiêu",
  "khoảng bao nhiêu",
  "bao nhiêu 1",
  "bao nhiêu một",
  "báo giá",
  "giá cước",
  "chi phí",
  "how much",
  "cost",
  "price",
  "quote",
  "rate",
  "多少钱",
  "价格",
  "报价",
  "费用",
  "怎么收费",
  "什么价",
  "phí",
  "fee",
];

export const WEATHER_AND_MONEY: TopicWords[] = [
  {
    topic: "weather",
    sharingNames: ["chất lượng không khí"],
    words: [
      ...["thời tiết", "nhiệt độ", "có mưa không", "mưa không", "mưa to", "mưa lớn", "mưa phùn", "mưa bão"],
      ...["có bão không", "bão số", "áp thấp", "không khí lạnh", "sương mù", "sương muối", "có tuyết", "tuyết rơi"],
      ...["rét không", "lạnh không", "nóng không", "trời lạnh", "trời nóng", "trời có nắng", "nắng không", "nắng nóng"],
      ...["rét", "mấy độ", "bao nhiêu độ", "độ ẩm", "lũ lụt", "ngập lụt", "ô nhiễm", "có sương", "sương không"],
      ...["mặc áo gì", "áo ấm", "đủ ấm", "áo khoác", "what to wear", "穿什么", "带什么衣服"],
      ...["weather", "foggy", "fog", "forecast", "snow", "rain", "raining", "rainy", "temperature", "cold", "hot"],
      ...["humid", "sunny", "degrees", "climate", "typhoon", "storm", "chilly", "freezing", "air quality"],
      ...["天气", "气温", "温度", "气候", "寒冷", "降温", "寒潮", "台风", "暴雨", "大雨", "下雨", "下雪", "天气预报"],
      ...["冷不冷", "热不热", "冷吗", "热吗", "多少度", "几度", "羽绒服", "起雾", "大雾", "空气质量", "雾霾"],
    ],
    // "Trời" (the sky) is also the "mặt trời" of solar panels: the weather only with a day said.
    pairs: [[["trời"], ["hôm nay", "ngày mai", "mai", "tuần này", "cuối tuần", "lúc này", "bây giờ", "mấy hôm", "đẹp"]]],
  },
  {
    topic: "exchange_rate",
    words: [
      ...["tỷ giá", "đổi tiền", "nhân dân tệ", "đô la", "tiền trung quốc", "tiền việt", "sang tiền", "tiền tệ", "ngoại tệ"],
      ...["1 tệ", "một tệ", "đổi tệ", "sang tệ", "ra tệ", "đổi được bao nhiêu", "bằng bao nhiêu tiền", "giá đổi", "đổi usd"],
      ...["giá tệ", "giá đô", "bao nhiêu tệ", "mấy tệ", "how many yuan"],
      ...["exchange rate", "currency", "yuan", "usd", "cny", "rmb", "vnd", "vnd to", "cny to", "rmb to", "usd to", "to vnd"],
      ...["to cny", "change money", "money changer", "rate today", "swap", "forex", "exchange money", "money exchange"],
      ...["currency exchange", "exchange cash"],
      ...["汇率", "汇价", "换钱", "换汇", "人民币", "美元", "越南盾", "台币", "港币", "外币", "兑换", "换越南盾", "换人民币"],
      ...["等于多少", "能换多少", "换多少"],
    ],
  },
  {
    topic: "other",
    sharingNames: ["tiền mặt"],
    words: [
      ...["chuyển khoản", "chuyển tiền", "thanh toán quốc tế", "thư tín dụng", "alipay", "wechat pay", "zalopay", "momo"],
      ...["wire money", "wire transfer", "bank transfer", "remit", "swift code", "letter of credit"],
      ...["转账", "汇款", "信用证", "支付宝", "微信支付", "rút tiền", "atm", "cash", "现金", "取款", "取钱"],
      ...["bảo hiểm", "insurance", "保险"],
      ...["lãi suất", "vay vốn", "vay tiền", "interest rate", "loan", "利率", "贷款"],
      ...["giá vàng", "gold price", "黄金", "金价", "chứng khoán", "cổ phiếu", "stock", "share price", "股票", "股价", "股市"],
      ...["bitcoin", "tiền ảo", "crypto", "比特币", "xổ số", "lottery", "彩票"],
    ],
    pairs: [
      [
        ["ngân hàng", "bank", "银行"],
        [
          ...["chuyển", "tài khoản", "vay", "mở cửa", "mấy giờ", "transfer", "account", "wire", "open"],
          ...["转", "账户", "帐户", "开户", "贷款", "几点"],
        ],
      ],
    ],
  },
];
