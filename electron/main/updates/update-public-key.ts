/**
 * The public half of the release key that signs `latest-linux.yml` (feed-signature.ts). It is built
 * in by `npm run dist`, which derives it from NOPOS_UPDATE_SIGNING_KEY and passes it to the build as
 * NOPOS_UPDATE_PUBLIC_KEY (replaced at build time, so nothing at run time can change it). A build
 * without it accepts no Linux update at all.
 */
export const UPDATE_PUBLIC_KEY: string | null = process.env.NOPOS_UPDATE_PUBLIC_KEY || null;
