// Labels beside scatter points that do not overlap (Vega-Lite has no label layout of its own): each label
// tries a few spots around its point, in pixels of the known plot size and linear domains, and takes the
// first that hits no label already placed and no point. Deterministic, so reports stay byte-identical. PURE.

export interface LabelInput {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface PlacedLabel {
  /** Where the text anchors, in data units. */
  readonly labelX: number;
  readonly labelY: number;
  readonly align: 'left' | 'right' | 'center';
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const CHAR_PX = 6;
const LINE_PX = 12;
/** Offsets (px, y down) and alignments tried in order: right, left, above, below, then diagonals further out. */
const SPOTS: readonly [number, number, PlacedLabel['align']][] = [
  [7, 0, 'left'],
  [-7, 0, 'right'],
  [0, -11, 'center'],
  [0, 12, 'center'],
  [7, -12, 'left'],
  [-7, -12, 'right'],
  [7, 12, 'left'],
  [-7, 12, 'right'],
  [0, -23, 'center'],
  [0, 24, 'center'],
];

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Places labels in input order (put the important ones first), in a plot of width × height pixels. */
export function placeLabels(
  points: readonly LabelInput[],
  xDomain: readonly [number, number],
  yDomain: readonly [number, number],
  width: number,
  height: number,
): PlacedLabel[] {
  const px = (x: number) => ((x - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * width;
  const py = (y: number) => height - ((y - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * height;
  const taken: Box[] = points.map((p) => ({ x0: px(p.x) - 5, y0: py(p.y) - 5, x1: px(p.x) + 5, y1: py(p.y) + 5 }));
  return points.map((p) => {
    const w = p.text.length * CHAR_PX;
    const boxes = SPOTS.map(([dx, dy, align]) => {
      const ax = px(p.x) + dx;
      const ay = py(p.y) + dy;
      const x0 = align === 'left' ? ax : align === 'right' ? ax - w : ax - w / 2;
      return { box: { x0, y0: ay - LINE_PX / 2, x1: x0 + w, y1: ay + LINE_PX / 2 }, ax, ay, align };
    });
    const inside = (b: Box) => b.x0 >= -2 && b.x1 <= width + 40 && b.y0 >= -2 && b.y1 <= height + 2;
    const free = boxes.find((c) => inside(c.box) && !taken.some((t) => overlaps(t, c.box)));
    const chosen = free ?? boxes.find((c) => inside(c.box)) ?? boxes[0];
    taken.push(chosen.box);
    return {
      labelX: xDomain[0] + (chosen.ax / width) * (xDomain[1] - xDomain[0]),
      labelY: yDomain[0] + ((height - chosen.ay) / height) * (yDomain[1] - yDomain[0]),
      align: chosen.align,
    };
  });
}
