/**
 * The Vietnamese wording of every reason code a data package can be refused (or judged) with
 * (src/main/core/exchange/package/codes.ts PACKAGE_REASONS holds the English): what the UI shows
 * beside each package of a preview, an import and the exchange log. A test checks every code has one.
 */
export const PACKAGE_REASONS_VI: Readonly<Record<string, string>> = {
  PKG_TOO_LARGE: 'Tệp lớn hơn dung lượng cho phép của một gói dữ liệu.',
  PKG_NOT_ZIP: 'Tệp không phải là gói dữ liệu (không đọc được hoặc đã hỏng).',
  PKG_TRAILING_DATA: 'Tệp có dữ liệu thêm vào sau gói: gói đã bị sửa đổi.',
  PKG_TOO_MANY_ENTRIES: 'Gói có nhiều thành phần hơn mức cho phép.',
  PKG_ENTRY_FORBIDDEN: 'Gói chứa thành phần không được phép có trong gói dữ liệu.',
  PKG_ENTRY_DUPLICATE: 'Gói chứa hai thành phần trùng tên.',
  PKG_ENTRY_COMPRESSED: 'Gói chứa thành phần bị nén hoặc mã hóa theo cách không được phép.',
  PKG_ENTRY_TOO_LARGE: 'Một thành phần của gói lớn hơn mức cho phép.',
  PKG_ENVELOPE_INVALID: 'Phong bì của gói (envelope.json) bị thiếu hoặc sai định dạng.',
  PKG_SIGNATURE_MISSING: 'Gói không có chữ ký số.',
  PKG_VERSION_UNSUPPORTED: 'Gói được tạo theo phiên bản định dạng mà phần mềm này chưa đọc được.',
  PKG_MANIFEST_INVALID: 'Bản kê của gói sai định dạng (trường, kiểu hoặc số không hợp lệ).',
  PKG_MANIFEST_DUPLICATE_KEY: 'Bản kê của gói có một trường bị lặp lại.',
  PKG_MANIFEST_NOT_CANONICAL: 'Bản kê của gói không ở dạng chuẩn duy nhất.',
  PKG_UNKNOWN_SENDER: 'Đơn vị gửi hoặc khóa của đơn vị gửi không có trong danh mục đơn vị.',
  PKG_KEY_REVOKED: 'Khóa của đơn vị gửi đã bị thu hồi.',
  PKG_SIGNATURE_INVALID: 'Chữ ký số không khớp với gói và đơn vị gửi.',
  PKG_NOT_FOR_US: 'Gói không gửi cho đơn vị này.',
  PKG_BLOB_MISMATCH: 'Một phần của gói bị thiếu, thừa hoặc khác với bản kê đã ký (gói đã bị sửa đổi).',
  PKG_DECRYPT_FAILED: 'Không giải mã được gói bằng khóa của đơn vị này.',
  PKG_PAYLOAD_INVALID: 'Dữ liệu sau khi giải mã sai định dạng.',
  PKG_KEY_INVALID: 'Khóa công khai sai định dạng hoặc không an toàn.',
  PKG_SEQUENCE_GAP: 'Còn thiếu các gói trước của đơn vị gửi: cần nhận các gói đó trước.',
  PKG_SEQUENCE_FORK:
    'Đơn vị gửi đã tạo hai gói khác nhau cùng một số thứ tự: gói được cách ly chờ quản trị viên xem xét.',
  PKG_ALREADY_APPLIED: 'Gói này đã được nhận trước đây: không có gì thay đổi.',
  PKG_AUDIT_REWRITTEN:
    'Nhật ký hệ thống của đơn vị gửi không còn nối tiếp nhật ký đã thấy ở gói trước: lịch sử đã bị viết lại.',
  PKG_TYPE_NOT_ALLOWED: 'Gói chứa loại dữ liệu mà đơn vị gửi không được phép gửi đến đơn vị này.',
  PKG_NOT_OWNER: 'Gói sửa dữ liệu không thuộc đơn vị gửi (dữ liệu của đơn vị khác).',
  PKG_RECORD_INVALID:
    'Một bản ghi của gói không khớp với dữ liệu của đơn vị này (thiếu trường hoặc tham chiếu).',
  PKG_FILE_MISMATCH:
    'Một tệp đính kèm của gói bị thiếu, thừa hoặc không khớp với bản ghi (mã băm hoặc dung lượng).',
  PKG_FILE_TOO_LARGE: 'Gói có tệp đính kèm lớn hơn mức đơn vị này chấp nhận.',
  PKG_STORAGE_FULL: 'Ổ đĩa đã đầy: chưa nhận được gói, dữ liệu không thay đổi.',
};
