/** A blank old register to fill in and import (Văn bản → Nhập sổ cũ → Tải mẫu). */
import { docsContract, type DocRegister } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { templateFile, type TemplateColumn } from '../import/templates';

function docColumns(register: DocRegister): TemplateColumn[] {
  const out = register === 'out' || register === 'secret-out';
  const secret = register === 'secret-in' || register === 'secret-out';
  return [
    {
      header: out ? 'Số đi' : 'Số đến',
      width: 10,
      help: 'Số trong sổ cũ (bắt buộc); số mới sẽ tiếp sau số lớn nhất',
      example: '12',
    },
    {
      header: out ? 'Ngày đi' : 'Ngày đến',
      width: 14,
      help: 'Ngày vào sổ, dạng ngày/tháng/năm (bắt buộc)',
      example: '05/01/2026',
    },
    out
      ? { header: 'Người ký', width: 22, help: 'Người ký văn bản', example: 'Nguyễn Văn An' }
      : { header: 'Tác giả', width: 28, help: 'Cơ quan ban hành (nơi gửi)', example: 'UBND tỉnh Nghệ An' },
    { header: 'Số, ký hiệu', width: 18, help: 'Số và ký hiệu văn bản', example: '15/QĐ-UBND' },
    { header: 'Ngày văn bản', width: 14, help: 'Dạng ngày/tháng/năm', example: '04/01/2026' },
    { header: 'Loại', width: 12, help: 'Tên loại: Công văn, Quyết định, Kế hoạch…', example: 'Quyết định' },
    {
      header: 'Trích yếu',
      width: 50,
      help: 'Trích yếu nội dung',
      example: 'Về việc thành lập Tổ bảo đảm TTLL',
    },
    {
      header: 'Độ mật',
      width: 12,
      help: secret ? 'Mật, Tối mật hoặc Tuyệt mật (bắt buộc trong sổ mật)' : 'Để trống (sổ thường)',
      example: secret ? 'Mật' : '',
    },
    { header: 'Độ khẩn', width: 12, help: 'Để trống, Khẩn, Thượng khẩn hoặc Hỏa tốc', example: 'Khẩn' },
    ...(out
      ? [
          {
            header: 'Nơi nhận',
            width: 34,
            help: 'Mỗi nơi nhận một dòng trong ô, hoặc cách nhau bằng dấu chấm phẩy',
            example: 'Các xã, phường trên địa bàn tỉnh; Sở Nội vụ',
          },
        ]
      : [{ header: 'Đơn vị/người nhận', width: 24, help: 'Đơn vị, người xử lý', example: 'Phòng Kỹ thuật' }]),
    {
      header: 'Hạn xử lý',
      width: 14,
      help: 'Dạng ngày/tháng/năm; để trống nếu không có hạn',
      example: '15/01/2026',
    },
    { header: 'Ghi chú', width: 30, help: 'Ghi chú', example: '' },
  ];
}

export const docsTemplateHandlers = defineHandlers(docsContract)({
  'docs.importTemplate': {
    run: (_ctx, input) =>
      templateFile(`mau-nhap-so-${input.register}.xlsx`, 'Sổ', docColumns(input.register)),
  },
});
