-- A stand-in for zone_offset_ms, so local_hour_buckets and local_quarter_buckets can be defined
-- before a statistic defines the real one for its zone and range (stats-service.ts zoneOffsetMacro).
CREATE OR REPLACE TEMP MACRO zone_offset_ms(t) AS 0
