// Static exports of the report's charts: each Vega-Lite spec compiled with vega-lite and rendered to SVG
// by vega's headless View (no browser, no canvas), for READMEs and docs. Compilation problems are
// collected, not printed, so tests can require that there are none.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface CompiledChart {
  readonly vega: vega.Spec;
  readonly warnings: readonly string[];
}

/** Compiles a spec with a logger that keeps vega-lite's warnings instead of printing them. */
export function compileChart(spec: TopLevelSpec): CompiledChart {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
    warn: (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  // vega-util's LoggerInterface, of which compile() uses only these methods.
  const compiled = compile(spec, { logger });
  return { vega: compiled.spec, warnings };
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compileChart(spec).vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
