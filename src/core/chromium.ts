// How paycert starts Debian's Chromium (the browser driver, the report's browser test and the bench): headless, as
// root, and with no background connections, which this kind of machine's closed network refuses many at a time.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
