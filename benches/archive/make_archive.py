# The stand-in archive: 17 copies of the shared 2023-24 shot log, each moved back a
# whole number of years, written as one zstd Parquet by pyarrow, unsorted.
import sys, pyarrow as pa, pyarrow.csv as pc, pyarrow.compute as C, pyarrow.parquet as pq
src = sys.argv[1]; out = sys.argv[2]
t = pc.read_csv(src, convert_options=pc.ConvertOptions(column_types={"GAME_DATE": pa.string(), "GAME_ID": pa.string()}))
parts = []
for k in range(17):
    s1 = C.subtract(t["SEASON_1"], k)
    y0 = 2023 - k
    s2 = pa.array([f"{y0}-{str(y0 + 1)[-2:]}"] * len(t))
    # MM-DD-YYYY: move the year back k.
    d = t["GAME_DATE"].to_pylist()
    def back(x):
        y = int(x[6:]) - k
        leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        # 29 February moved into a year without one is the 28th (the recipe would
        # leave a date no reader accepts, which `convert` rightly refuses).
        return ("02-28-" if x[:5] == "02-29" and not leap else x[:6]) + str(y)
    d = [back(x) for x in d]
    g = [str(int(x) - k * 100000) for x in t["GAME_ID"].to_pylist()]
    p = t.set_column(t.schema.get_field_index("SEASON_1"), "SEASON_1", s1)
    p = p.set_column(p.schema.get_field_index("SEASON_2"), "SEASON_2", s2)
    p = p.set_column(p.schema.get_field_index("GAME_DATE"), "GAME_DATE", pa.array(d))
    p = p.set_column(p.schema.get_field_index("GAME_ID"), "GAME_ID", pa.array(g))
    parts.append(p)
pq.write_table(pa.concat_tables(parts), out, compression="zstd")
print(sum(len(p) for p in parts))
