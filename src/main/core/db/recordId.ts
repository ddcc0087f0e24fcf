import { randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * Random words for ids, drawn from the CSPRNG 1,024 at a time: the library's own buffer holds 8,
 * so a bulk write called the CSPRNG every few ids at about 10 µs a call (bench/results.md).
 */
class PooledRandom {
  private readonly words = new Uint32Array(1024);
  private at = this.words.length;

  nextUint32(): number {
    if (this.at === this.words.length) {
      randomFillSync(this.words);
      this.at = 0;
    }
    return this.words[this.at++]!;
  }
}

const generator = new V7Generator(new PooledRandom());

/** A new record's id: a UUIDv7 (time-ordered, so new rows land at the end of the id index). */
export const newRecordId = (): string => generator.generate().toString();
