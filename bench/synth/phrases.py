"""Sentence parts for synthetic plans: themes, activities, objects, populations and products.

Every plan is composed from these parts and the curated reference data (agency types,
provinces, national documents); nothing here is taken from a real plan.
"""

from __future__ import annotations

# Each theme: a subject line for the title, a group name for the annex, and what its
# activities act upon.
THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "thúc đẩy kinh tế tuần hoàn trong sản xuất công nghiệp",
        "Nhóm nhiệm vụ kinh tế tuần hoàn",
        ("chất thải rắn công nghiệp", "phế liệu có thể tái chế", "bao bì sau sử dụng", "nước thải sau xử lý"),
    ),
    (
        "phát triển thương mại xanh và tiêu dùng bền vững",
        "Nhóm nhiệm vụ thương mại xanh",
        ("sản phẩm nhãn sinh thái", "kênh phân phối hàng xanh", "hội chợ hàng thân thiện môi trường"),
    ),
    (
        "sử dụng năng lượng tiết kiệm và hiệu quả",
        "Nhóm nhiệm vụ năng lượng",
        ("thiết bị hiệu suất cao", "điện mặt trời mái nhà", "kiểm toán năng lượng", "chiếu sáng công cộng"),
    ),
    (
        "giảm thiểu rác thải nhựa dùng một lần",
        "Nhóm nhiệm vụ giảm rác thải nhựa",
        ("túi ni lông khó phân hủy", "đồ nhựa dùng một lần", "điểm thu gom rác thải nhựa"),
    ),
    (
        "chuyển đổi số trong quản lý tài nguyên và môi trường",
        "Nhóm nhiệm vụ chuyển đổi số",
        ("cơ sở dữ liệu chuyên ngành", "hệ thống quan trắc tự động", "dịch vụ công trực tuyến"),
    ),
    (
        "phát triển nông nghiệp sinh thái và sản phẩm OCOP",
        "Nhóm nhiệm vụ nông nghiệp sinh thái",
        ("vùng nguyên liệu đạt chứng nhận", "sản phẩm OCOP", "phụ phẩm nông nghiệp", "chuỗi liên kết tiêu thụ"),
    ),
)

ACTIVITIES: tuple[str, ...] = (
    "Xây dựng và triển khai chương trình hỗ trợ {object} cho doanh nghiệp, hợp tác xã trên địa bàn",
    "Tổ chức điều tra, khảo sát thực trạng {object} và đề xuất giải pháp phù hợp",
    "Hướng dẫn các cơ sở sản xuất, kinh doanh áp dụng quy định mới về {object}",
    "Biên soạn tài liệu và tổ chức lớp tập huấn chuyên đề về {object}",
    "Kiểm tra, giám sát việc chấp hành quy định về {object} tại các khu, cụm công nghiệp",
    "Tham mưu ban hành cơ chế khuyến khích đầu tư vào {object}",
    "Lồng ghép nội dung về {object} vào kế hoạch phát triển kinh tế - xã hội hằng năm",
    "Xây dựng mô hình thí điểm về {object} và đánh giá khả năng nhân rộng",
    "Cập nhật, công khai thông tin về {object} trên cổng thông tin điện tử",
    "Tổ chức hội thảo chia sẻ kinh nghiệm quản lý {object} giữa các địa phương",
    "Rà soát, đề xuất sửa đổi các văn bản hướng dẫn liên quan đến {object}",
    "Bố trí nguồn lực và theo dõi tiến độ thực hiện các dự án về {object}",
)

SOLUTION_OPENINGS: tuple[str, ...] = (
    "Tăng cường công tác truyền thông về",
    "Hoàn thiện cơ chế, chính sách về",
    "Nâng cao năng lực quản lý nhà nước về",
    "Đẩy mạnh hợp tác, huy động nguồn lực cho",
    "Ứng dụng khoa học, công nghệ trong",
)

TAILS: tuple[str, ...] = (
    "bảo đảm tiến độ và hiệu quả",
    "theo đúng quy định của pháp luật",
    "phù hợp với điều kiện thực tế của địa phương",
    "gắn với mục tiêu tăng trưởng xanh",
    "định kỳ sơ kết, rút kinh nghiệm",
)

POPULATIONS: tuple[str, ...] = (
    "doanh nghiệp công nghiệp trên địa bàn",
    "xã, phường trên địa bàn",
    "siêu thị, trung tâm thương mại",
    "cơ sở sản xuất kinh doanh thực phẩm",
    "trường trung học phổ thông",
    "làng nghề và cụm công nghiệp",
    "cơ quan, đơn vị sự nghiệp công lập",
    "hợp tác xã nông nghiệp",
)

OUTCOMES: tuple[str, ...] = (
    "được phổ biến, nâng cao nhận thức về {theme}",
    "áp dụng ít nhất một giải pháp về {theme}",
    "xây dựng lộ trình thực hiện {theme}",
    "tham gia chương trình đánh giá về {theme}",
)

PRODUCTS: tuple[str, ...] = (
    "Báo cáo kết quả thực hiện",
    "Tài liệu hướng dẫn",
    "Mô hình thí điểm",
    "Văn bản trình UBND tỉnh",
    "Cơ sở dữ liệu",
    "Lớp tập huấn",
)

AIMS: tuple[str, ...] = (
    "Cụ thể hóa các nhiệm vụ được giao tại các văn bản của Trung ương, phù hợp với điều kiện của tỉnh.",
    "Xác định rõ trách nhiệm của từng cơ quan, đơn vị trong tổ chức thực hiện.",
    "Huy động sự tham gia của doanh nghiệp, tổ chức xã hội và người dân.",
    "Bảo đảm sự phối hợp chặt chẽ, thường xuyên giữa các sở, ngành và địa phương.",
)

GENERAL_GOALS: tuple[str, ...] = (
    "Từng bước hình thành nền sản xuất và tiêu dùng hiệu quả, tiết kiệm tài nguyên trên địa bàn tỉnh.",
    "Nâng cao năng lực quản lý nhà nước và sự chủ động của cộng đồng doanh nghiệp.",
    "Góp phần thực hiện các mục tiêu phát triển bền vững của tỉnh đến năm 2030.",
)

FUNDING: tuple[str, ...] = (
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành",
    "Huy động nguồn vốn xã hội hóa, tài trợ hợp pháp của các tổ chức, cá nhân trong và ngoài nước",
    "Các cơ quan, đơn vị lồng ghép kinh phí trong dự toán được giao hằng năm",
)

TIMEFRAMES: tuple[str, ...] = ("Hằng năm", "Quý I - Quý II", "Quý III", "Quý IV", "Cả giai đoạn")

SIGNERS: tuple[str, ...] = (
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Minh Châu",
    "Phạm Quốc Dũng",
    "Hoàng Thị Giang",
    "Vũ Đức Hải",
    "Đặng Thanh Khoa",
    "Bùi Thị Lan",
)

DISTRIBUTION: tuple[str, ...] = (
    "Bộ Công Thương (để b/c)",
    "TT Tỉnh ủy, TT HĐND tỉnh",
    "Chủ tịch, các PCT UBND tỉnh",
    "Các sở, ban, ngành cấp tỉnh",
    "UBND các xã, phường",
    "Lưu: VT",
)

# Words for the legal bases: document type code → the word that names it in a sentence.
TYPE_WORDS = {
    "doctype-qd": "Quyết định",
    "doctype-nd": "Nghị định",
    "doctype-cd": "Công điện",
    "doctype-nq": "Nghị quyết",
    "doctype-ct": "Chỉ thị",
}
ISSUER_WORDS = {
    "agency-thu-tuong-chinh-phu": "Thủ tướng Chính phủ",
    "agency-chinh-phu": "Chính phủ",
    "agency-quoc-hoi": "Quốc hội",
}
