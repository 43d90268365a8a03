// A plain-text table for terminals: columns as wide as their widest cell, cells cut at `maxWidth`.
export function formatTable(columns, rows, maxWidth = 48) {
  const cell = (value) => {
    const text = value === null || value === undefined ? '-' : String(value).replace(/\s+/g, ' ');
    return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text;
  };
  const cells = rows.map((row) => columns.map(({ value }) => cell(value(row))));
  const widths = columns.map(({ title }, index) => Math.max(title.length, ...cells.map((row) => row[index].length)));
  const line = (values) =>
    values
      .map((value, index) => value.padEnd(widths[index]))
      .join('  ')
      .trimEnd();
  return [line(columns.map(({ title }) => title)), ...cells.map(line)].join('\n');
}
