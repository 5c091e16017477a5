-- Plays per local weekday (1 = Monday … 7 = Sunday) and local hour (0-23) in [from, to).
SELECT isodow(local_start) AS weekday,
       hour(local_start) AS hour,
       sum(plays) AS plays
FROM local_listen_buckets($user_id, $from_ms, $to_ms, $width_ms, $shift_ms, $segment_starts, $segment_offsets)
GROUP BY weekday, hour
