import { DomainError, receiptPolicy, sniffReceiptType } from '@tessera/domain';

/**
 * The checks every kept file passes (an expenditure's receipt, a match contribution's evidence):
 * at most receiptPolicy.maxBytes, a PDF or an image by its bytes (not its name or declared type),
 * and a safe file name. Answers what to store, or a field error on `file`.
 */
export function checkedAttachment(
  input: { fileName: string; content: Uint8Array },
  what: 'receipt' | 'evidence',
): { fileName: string; contentType: string } {
  const noun = what === 'receipt' ? 'A receipt' : 'Evidence';
  const maxMb = receiptPolicy.maxBytes / 1024 / 1024;
  if (input.content.byteLength > receiptPolicy.maxBytes) {
    throw new DomainError('VALIDATION', `${noun} may be at most ${maxMb} MB.`, {
      fieldErrors: { file: [`validation.fileTooLarge?max=${maxMb}`] },
    });
  }
  const contentType = sniffReceiptType(input.content);
  if (!contentType) {
    throw new DomainError('VALIDATION', `${noun} must be a PDF or an image (JPEG, PNG, WebP, HEIC).`, {
      fieldErrors: { file: ['validation.fileType'] },
    });
  }
  return { fileName: cleanFileName(input.fileName, contentType, what), contentType };
}

/** Keeps only a safe file name: no paths, no control characters, at most 120 characters. */
function cleanFileName(name: string, contentType: string, what: string): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()
      ?.replace(/[^\p{L}\p{N}._ -]/gu, '_')
      .trim()
      .slice(0, 120) ?? '';
  const fallback = contentType === 'application/pdf' ? `${what}.pdf` : `${what}.${contentType.split('/')[1] ?? 'bin'}`;
  return base && base !== '.' && base !== '..' ? base : fallback;
}
