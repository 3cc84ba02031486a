import { canonicalJson } from './canonicalJson';
import { sha256Hash, type Sha256 } from './shownHash';

/** The notice a page shows: its canonical JSON and, once computed, its SHA-256. */
export interface NoticeDigest {
  /** The canonical JSON of the notice, built on first use: the body of its upload, and what the 64-bit digest digests. */
  noticeJson(): string;
  /** `sha256:…` of `noticeJson()` once `hashNotice` computed it; undefined before, and where the page has no Web Crypto. */
  currentHash(): string | undefined;
  /** Computes the SHA-256, once; later calls share the first. Never rejects: on failure there is no SHA-256. */
  hashNotice(): Promise<void>;
}

/**
 * The digest of the notice `build` returns. Nothing is built until first
 * asked for, so that a page can hash it off its critical path.
 * @param sha256 Web Crypto's SHA-256; undefined where the page has none (plain http)
 */
export function createNoticeDigest(build: () => object, sha256?: Sha256): NoticeDigest {
  let json: string | undefined;
  let hash: string | undefined;
  let hashing: Promise<void> | undefined;
  const noticeJson = () => (json ??= canonicalJson(build()));
  return {
    noticeJson,
    currentHash: () => hash,
    hashNotice: () =>
      (hashing ??= sha256
        ? sha256Hash(noticeJson(), sha256).then(
            (digest) => void (hash = digest),
            () => {},
          )
        : Promise.resolve()),
  };
}
