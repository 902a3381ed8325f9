/**
 * The `otpauth://` URI as a PNG QR code in a `data:` URL, so a page can show it as an image
 * without sending the secret to a third-party QR service. Error correction M (15 %) survives a
 * phone camera's glare; the margin is the four modules the QR standard asks for. The encoder
 * loads on the first enrolment, not at boot.
 */
export async function totpQrCodeDataUrl(otpauthUri: string): Promise<string> {
  const { toDataURL } = await import('qrcode');
  return toDataURL(otpauthUri, {
    errorCorrectionLevel: 'M',
    margin: 4,
    scale: 6,
    type: 'image/png',
  });
}
