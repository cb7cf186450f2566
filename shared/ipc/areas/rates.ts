/** A PIN check costs ~90 ms of scrypt: a page may not queue more than a handful. */
export const pinRate = { burst: 5, perSecond: 1 };
