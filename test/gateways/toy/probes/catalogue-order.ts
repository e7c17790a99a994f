// The order of the toy's probe files in its generated catalogue (test/gateways/toy/catalogue/toy.json).
export const CATALOGUE_ORDER = ['auth', 'orders'];
