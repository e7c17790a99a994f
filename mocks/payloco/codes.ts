/** Result codes. Only 00000000, 00000003 and 22070030 are documented; the rest are the mock's choices (README). */
export const codes = {
  success: '00000000',
  pending: '00000003',
  signature: '11000001',
  missingSystemParams: '11000002',
  version: '11000003',
  unknownMerchant: '11000004',
  unsupportedParam: '11000005',
  badJson: '11000006',
  bodyTooLarge: '11000007',
  notFound: '11000404',
  methodNotAllowed: '11000405',
  transTypeMissing: '22070030',
  format: '22070031',
  orderNotFound: '22070040',
  duplicateOrder: '22070041',
  declined: '22070050',
  systemError: '99999999',
} as const;

export const transTypeMissingMessage = 'Format error-transType cannot be empty';
