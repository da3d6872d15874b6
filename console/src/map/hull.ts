// Soft area outlines: Area nodes carry points only, so a 片区 is drawn around its communities.

/** A point as [lat, lon]. */
export type Point = [number, number];

/** The convex hull of points (Andrew's monotone chain), counter-clockwise, without repeats. */
export function convexHull(points: Point[]): Point[] {
  const sorted = [...points].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  if (sorted.length < 3) return sorted;
  const cross = (o: Point, a: Point, b: Point) =>
    (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
  const lower: Point[] = [];
  for (const p of sorted) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) {
      lower.pop();
    }
    lower.push(p);
  }
  const upper: Point[] = [];
  for (const p of [...sorted].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) {
      upper.pop();
    }
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/**
 * The hull of the points each widened to a small circle of `padKm`: a rounded outline that
 * keeps its dots inside, even for one or two points.
 */
export function paddedHull(points: Point[], padKm: number, steps = 16): Point[] {
  const widened: Point[] = [];
  for (const [lat, lon] of points) {
    const dLat = padKm / 111.32;
    const dLon = padKm / (111.32 * Math.cos((lat * Math.PI) / 180));
    for (let i = 0; i < steps; i++) {
      const angle = (2 * Math.PI * i) / steps;
      widened.push([lat + dLat * Math.sin(angle), lon + dLon * Math.cos(angle)]);
    }
  }
  return convexHull(widened);
}

/** The mean of points, where a label sits. */
export function centroid(points: Point[]): Point {
  const lat = points.reduce((sum, p) => sum + p[0], 0) / points.length;
  const lon = points.reduce((sum, p) => sum + p[1], 0) / points.length;
  return [lat, lon];
}
