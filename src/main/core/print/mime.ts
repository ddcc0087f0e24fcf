// Apart from the docx builder so handlers can name the type without loading the docx library.
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
