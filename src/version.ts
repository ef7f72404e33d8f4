/** parley's version, sent as `User-Agent: parley/<version>` when polling (keep in step with package.json). */
export const VERSION = "0.1.0";
export const USER_AGENT = `parley/${VERSION} (+https://github.com/parley)`;
