/** One scrape of a `/metrics` endpoint: every sample by its series, `name{label="value",...}`. */
export class PrometheusScrape {
  private constructor(private readonly samples: Map<string, number>) {}

  /** `headers`: an Authorization header for a service with METRICS_TOKEN. */
  static async of(baseUrl: string, headers: Record<string, string> = {}): Promise<PrometheusScrape> {
    const text = await (await fetch(`${baseUrl}/metrics`, { headers })).text();
    const samples = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const cut = line.lastIndexOf(' ');
      samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
    }
    return new PrometheusScrape(samples);
  }

  /** The sum of the samples of `name` whose labels include `labels` (0 when none). */
  value(name: string, labels: Record<string, string> = {}): number {
    let sum = 0;
    for (const [series, value] of this.samples) {
      const brace = series.indexOf('{');
      if ((brace === -1 ? series : series.slice(0, brace)) !== name) continue;
      if (Object.entries(labels).every(([key, wanted]) => series.includes(`${key}="${wanted}"`))) sum += value;
    }
    return sum;
  }

  has(name: string): boolean {
    return [...this.samples.keys()].some((series) => series === name || series.startsWith(`${name}{`));
  }

  /** How much `name` (restricted to `labels`) grew since `before`. */
  delta(before: PrometheusScrape, name: string, labels: Record<string, string> = {}): number {
    return this.value(name, labels) - before.value(name, labels);
  }
}
