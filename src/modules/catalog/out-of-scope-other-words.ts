import type { TopicWords } from "./out-of-scope-words.js";

/** Travel, living, work and pastimes near the border: nothing the offices' data holds. */
export const EVERYDAY: TopicWords = {
  topic: "other",
  sharingNames: [
    ...["chợ đông kinh", "đông kinh", "kim ngạch", "贸易额", "chính sách mới", "chuyển phát nhanh", "phí cầu đường"],
    ...["lưu lượng", "đi du lịch", "đi bộ", "mất tiền không", "mất phí không", "how many vehicle"],
  ],
  words: [
    // Staying, eating, going about
    ...["khách sạn", "nhà nghỉ", "homestay", "lưu trú", "nhà hàng", "quán ăn", "món ăn", "đặc sản", "ăn ở đâu"],
    ...["điểm tham quan", "chơi ở đâu", "chơi gì", "đi chơi", "ăn uống", "chỗ ăn", "nhà vệ sinh", "an toàn không"],
    ...["có an toàn", "gửi xe", "bãi đỗ xe", "đỗ xe", "đậu xe", "taxi", "grab", "xe khách", "xe buýt"],
    ...["xe bus", "vé tàu", "vé máy bay", "đặt vé", "mua vé", "lịch tàu", "giờ tàu", "mấy giờ chạy"],
    ...["chuyến bay", "bay thẳng", "sân bay", "bao xa", "mấy km", "giá xăng", "xăng dầu"],
    ...["hotel", "accommodation", "restaurant", "where to eat", "sightseeing", "tourist attraction", "parking"],
    ...["flight", "airport", "bus", "ticket", "bus ticket", "train ticket", "train schedule", "how far", "distance from"],
    ...["drive from", "how long is the drive", "gas price", "what to eat", "eat", "toilet", "restroom", "things to do"],
    ...["is it safe", "safe to", "walk across", "on foot"],
    ...["酒店", "宾馆", "住宿", "餐厅", "饭店", "好吃", "美食", "特产", "景点", "停车", "出租车", "打车", "滴滴", "大巴", "班车"],
    ...["几点有车", "几点发车", "发车", "火车票", "车票", "高铁", "动车", "机票", "机场", "多远", "多久能到", "油价"],
    ...["吃的", "吃饭", "厕所", "洗手间", "好玩", "安全吗", "步行", "坐车", "开车", "自驾"],
    // Goods and trucks on the move, queues at a gate
    ...["shipping a container", "ship a container", "cước vận chuyển", "shipping cost", "trucking cost"],
    ...["container trucking", "运费", "运输费", "hàng lẻ", "gửi hàng", "một ký", "1 ký", "mỗi ký", "1 kg"],
    ...["giá bao nhiêu một ký", "xếp hàng", "chờ bao lâu", "đợi bao lâu", "bao nhiêu xe", "ùn tắc", "kẹt xe"],
    ...["đang sửa", "多少车", "多少辆", "how many truck", "how many car"],
    ...["lở đất", "thuê kho", "kho lạnh", "kho bãi cho thuê", "truck queue", "hours waiting", "waiting time"],
    ...["traffic jam", "roadworks", "landslide", "cold storage"],
    ...["堵车", "排队", "修路", "路况", "塌方"],
    // Markets, where to buy, how much is traded
    ...["market", "市场", "集市", "kỳ lừa", "cốc lếu", "nguồn hàng", "lấy hàng ở đâu", "đánh hàng"],
    ...["wholesale market", "taobao", "1688", "淘宝", "批发市场", "进货", "货源", "thống kê", "statistic"],
    ...["trade volume", "trade turnover", "进出口额", "通关量", "doanh thu", "doanh số", "revenue", "营业额", "成交额"],
    ...["销售额", "lượt khách", "khách tham quan", "người tham quan", "visitor", "参观人数", "客流", "人流量"],
    // What a fair offers visitors: admission, shows
    ...["vé vào cửa", "bao nhiêu khách", "去年有多少人", "free to visit", "free entry", "admission", "entrance fee"],
    ...["门票", "入场券", "ca nhạc", "văn nghệ", "biểu diễn", "concert", "演出", "表演"],
    // Companies, law, work
    ...["luật", "luật sư", "vốn điều lệ", "thành lập công ty", "mở công ty", "thủ tục thành lập", "mở chi nhánh"],
    ...["thủ tục xuất khẩu", "company law", "export procedure", "lawyer", "公司法", "注册公司", "开公司", "出口手续", "律师"],
    ...["công chứng", "notar", "公证", "quy định mới", "new regulation", "new policy", "新政策", "新规定"],
    ...["courier", "dhl", "快递", "phí bến bãi", "phí lưu kho", "toll", "过路费"],
    ...["tuyển dụng", "tuyển nhân viên", "tuyển người", "tuyển lao động", "tuyển nhân sự", "tuyển phiên dịch", "việc làm"],
    ...["xin việc", "tìm việc"],
    ...["phiên dịch", "thông dịch", "hiring", "job", "job opening", "job vacanc", "vacancy", "wage", "salary"],
    ...["interpreter", "translator", "招聘", "招人", "招工", "找工作", "去上班", "工资", "薪水", "求职", "应聘", "翻译"],
    ...["xuất khẩu lao động", "打工"],
    ...["học tiếng", "dạy tiếng", "trung tâm tiếng", "learn chinese", "learn vietnamese", "学越南语", "学中文", "学汉语"],
    // Phones
    ...["sim", "sim điện thoại", "mua sim", "sim card", "4g", "5g", "chuyển vùng", "sóng điện thoại", "wifi", "roaming"],
    ...["mobile data", "电话卡", "手机卡", "流量", "漫游"],
    // Health rules at the border
    ...["covid", "xét nghiệm", "khai báo y tế", "tiêm chủng", "vắc xin", "cách ly", "khẩu trang", "vaccine", "pcr"],
    ...["quarantine", "health declaration", "health code", "核酸", "健康码", "疫苗", "隔离", "疫情", "口罩"],
    // Pastimes
    ...["tin tức", "thời sự", "chuyện cười", "truyện cười", "kể chuyện", "đố vui", "bóng đá", "đá với", "trận đấu"],
    ...["tỉ số", "joke", "football", "soccer", "world cup", "who won", "新闻", "热点", "笑话", "足球", "比赛", "球赛", "世界杯"],
    ...["踢", "中国队", "越南队"],
    // Photos at a border marker
    ...["cột mốc", "chụp ảnh", "take photo", "border marker"],
  ],
  // "Lương" is also the "lượng" of năng lượng (energy), folded: a wage only beside a word of pay.
  pairs: [
    [["lương"], ["bao nhiêu", "tháng", "công nhân", "tối thiểu", "cơ bản", "mức", "tiền"]],
    // Frost on the mountain roads, not a price list ("bảng giá", folded alike).
    [["băng giá"], ["đợt này", "mấy hôm", "sáng nay", "đêm nay", "tuần này", "sa pa", "sapa", "trời", "đường đèo"]],
  ],
};
