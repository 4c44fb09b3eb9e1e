import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One series of a {@link DailyBarChart}: the row field it shows, its legend (default the field), its colour. */
export interface DailyBar {
  dataKey: string;
  name?: string;
  fill: string;
}

/** Counts per day side by side (sales and returns, points issued and redeemed…), one bar per series. */
export function DailyBarChart(props: {
  caption: string;
  rows: readonly object[];
  bars: readonly DailyBar[];
}) {
  return (
    <figure>
      <figcaption>{props.caption}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={[...props.rows]}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          {props.bars.map((bar) => (
            <Bar key={bar.dataKey} dataKey={bar.dataKey} name={bar.name ?? bar.dataKey} fill={bar.fill} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
