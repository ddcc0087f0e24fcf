/** The blank directory to fill in and import (Danh bạ → Nhập → Tải mẫu). */
import { contactsContract } from '../../../shared/contract';
import { defineHandlers } from '../handler';
import { templateFile, type TemplateColumn } from '../import/templates';
import { IMPORT_HEADERS_VI } from './importParse';

const CONTACT_COLUMNS: readonly TemplateColumn[] = [
  {
    header: IMPORT_HEADERS_VI.fullName,
    width: 26,
    help: 'Họ và tên đầu mối (bắt buộc)',
    example: 'Nguyễn Văn Đức',
  },
  { header: IMPORT_HEADERS_VI.position, width: 22, help: 'Chức vụ', example: 'Phó Giám đốc' },
  {
    header: IMPORT_HEADERS_VI.organization,
    width: 34,
    help: 'Tên cơ quan, đơn vị; chưa có trong danh bạ thì được tạo mới',
    example: 'Viễn thông Nghệ An',
  },
  {
    header: IMPORT_HEADERS_VI.phones,
    width: 30,
    help: 'Một hay nhiều số, cách nhau bằng dấu chấm phẩy (;); di động 10 số, cố định 11 số',
    example: '0912 345 678; 0238 3800 126',
  },
  { header: IMPORT_HEADERS_VI.email, width: 28, help: 'Địa chỉ email', example: 'duc.nv@vnpt.vn' },
  {
    header: IMPORT_HEADERS_VI.roles,
    width: 22,
    help: 'Vai trò, cách nhau bằng dấu chấm phẩy',
    example: 'Trực ban; Kỹ thuật',
  },
  { header: IMPORT_HEADERS_VI.notes, width: 40, help: 'Ghi chú', example: '' },
];

export const contactsTemplateHandlers = defineHandlers(contactsContract)({
  'contacts.importTemplate': { run: () => templateFile('mau-nhap-danh-ba.xlsx', 'Danh bạ', CONTACT_COLUMNS) },
});
