-- Validate staged movement rows (`stage`, all text) as the view `validated`: parsed values plus,
-- for a bad row, the first problem found (code, column, plain-words reason). Places are checked
-- against the reference airports (IATA, ICAO, city, name), crossings and mission cities. The
-- status may only move forward (planned → confirmed → departed → arrived; cancelled from a plan)
-- unless the row carries a note saying why (a correction); the previous state is the newest
-- earlier report of the same flight, in the warehouse or earlier in this file.
CREATE OR REPLACE TEMP VIEW validated AS
WITH
statuses(word, status) AS (VALUES
    ('planned', 'planned'), ('plan', 'planned'), ('запланирован', 'planned'), ('планируется', 'planned'),
    ('жоспарланған', 'planned'), ('confirmed', 'confirmed'), ('подтвержден', 'confirmed'),
    ('подтверждён', 'confirmed'), ('расталған', 'confirmed'), ('departed', 'departed'), ('вылетел', 'departed'),
    ('отправлен', 'departed'), ('отправлена', 'departed'), ('ұшып кетті', 'departed'), ('жөнелтілді', 'departed'),
    ('arrived', 'arrived'), ('прибыл', 'arrived'), ('прибыла', 'arrived'), ('келді', 'arrived'),
    ('cancelled', 'cancelled'), ('canceled', 'cancelled'), ('отменен', 'cancelled'), ('отменён', 'cancelled'),
    ('тоқтатылды', 'cancelled'), ('болдырылмады', 'cancelled')
),
modes(word, mode) AS (VALUES
    ('air', 'air'), ('flight', 'air'), ('авиа', 'air'), ('самолет', 'air'), ('әуе', 'air'),
    ('land', 'land'), ('bus', 'land'), ('road', 'land'), ('авто', 'land'), ('автобус', 'land'),
    ('наземный', 'land'), ('құрлық', 'land'), ('sea', 'sea'), ('море', 'sea'), ('морской', 'sea'), ('теңіз', 'sea')
),
places AS (
    SELECT DISTINCT norm_name(p) AS p FROM (
        SELECT unnest([iata, icao, city, name]) AS p FROM airports
        UNION ALL SELECT unnest([crossing_id, name_en, name_ru, name_kk]) FROM crossings
        UNION ALL SELECT city FROM missions
        UNION ALL SELECT start_city FROM routes
    ) WHERE p IS NOT NULL AND trim(p) <> ''
),
alias AS (
    SELECT alias_norm, min(iso3) AS iso3 FROM country_aliases GROUP BY alias_norm HAVING count(DISTINCT iso3) = 1
),
parsed AS (
    SELECT s.line, s.raw, s.reported_at AS reported_text, parse_utc(s.reported_at) AS reported_at,
           s.mission AS mission_text, m.mission_id,
           nullif(upper(trim(s.flight)), '') AS flight,
           s.mode AS mode_text, coalesce(md.mode, CASE WHEN nullif(trim(s.mode), '') IS NULL THEN 'air' END) AS mode,
           s.from_country AS from_text, a.iso3 AS from_iso3,
           nullif(trim(s.from_place), '') AS from_place, nullif(trim(s.to_place), '') AS to_place,
           s.scheduled AS scheduled_text, parse_utc(s.scheduled) AS scheduled,
           s.arrival AS arrival_text, parse_utc(s.arrival) AS arrival,
           s.status AS status_text, st.status,
           s.seats AS seats_text, parse_count(s.seats) AS c_seats,
           s.passengers AS passengers_text, parse_count(s.passengers) AS c_passengers,
           s.elderly AS elderly_text, parse_count(s.elderly) AS c_elderly,
           s.women AS women_text, parse_count(s.women) AS c_women,
           s.children AS children_text, parse_count(s.children) AS c_children,
           s.medical AS medical_text, parse_count(s.medical) AS c_medical,
           nullif(trim(s.note), '') AS note
    FROM stage s
    LEFT JOIN missions m ON norm_name(m.mission_id) = norm_name(s.mission)
    LEFT JOIN alias a ON a.alias_norm = norm_name(s.from_country)
    LEFT JOIN statuses st ON st.word = norm_name(s.status)
    LEFT JOIN modes md ON md.word = norm_name(s.mode)
),
-- Every known state of the flights in this file, in report order, to find each row's previous one.
history AS (
    SELECT flight, reported_at, status, NULL::INTEGER AS line FROM movements
    WHERE flight IN (SELECT flight FROM parsed)
    UNION ALL
    SELECT flight, reported_at, status, line FROM parsed
    WHERE flight IS NOT NULL AND reported_at IS NOT NULL AND status IS NOT NULL
),
ordered AS (
    SELECT line, lag(status) OVER w AS prev_status,
           -- repeats within this file only: a later file with the same moment is a correction and wins
           row_number() OVER (PARTITION BY flight, reported_at, line IS NULL ORDER BY line) AS nth_at_moment
    FROM history
    WINDOW w AS (PARTITION BY flight ORDER BY reported_at, line NULLS FIRST)
),
judged AS (
    SELECT p.*, o.prev_status, o.nth_at_moment,
        CASE
            WHEN reported_text IS NULL OR trim(reported_text) = '' THEN ['missing_reported_at', 'reported_at', 'reported_at is empty; write when this state was reported, e.g. 2026-03-05 09:00 (UTC)']
            WHEN reported_at IS NULL THEN ['bad_reported_at', 'reported_at', format('reported_at "{}" is not a date and time; write e.g. 2026-03-05 09:00 (UTC) or 2026-03-05T12:00+03:00', reported_text)]
            WHEN reported_at > (SELECT now FROM load_context) + INTERVAL 10 MINUTE THEN ['future_reported_at', 'reported_at', format('reported_at {} is in the future; check the date and the time zone', strftime(reported_at, '%Y-%m-%d %H:%M'))]
            WHEN mission_text IS NULL OR trim(mission_text) = '' THEN ['missing_mission', 'mission', 'mission is empty; write the mission id from data/reference/missions.csv, e.g. KZ-CG-DXB']
            WHEN mission_id IS NULL THEN ['unknown_mission', 'mission', format('unknown mission "{}"; use an id from data/reference/missions.csv', mission_text)]
            WHEN flight IS NULL THEN ['missing_flight', 'flight', 'flight is empty; write the flight number or convoy name that identifies this movement in every report']
            WHEN mode IS NULL THEN ['bad_mode', 'mode', format('mode "{}" is not one of air, land, sea', mode_text)]
            WHEN from_iso3 IS NULL THEN ['unknown_country', 'from_country', format('unknown country "{}"; write it in English, Russian or Kazakh, or its ISO code', coalesce(from_text, ''))]
            WHEN from_place IS NOT NULL AND norm_name(from_place) NOT IN (SELECT p FROM places) THEN ['unknown_place', 'from_place', format('unknown place "{}"; write an airport code (DXB, OMDB), a city or a crossing id from data/reference', from_place)]
            WHEN to_place IS NOT NULL AND norm_name(to_place) NOT IN (SELECT p FROM places) THEN ['unknown_place', 'to_place', format('unknown place "{}"; write an airport code (ALA, NQZ), a city or a crossing id from data/reference', to_place)]
            WHEN scheduled IS NULL THEN ['bad_scheduled', 'scheduled', format('scheduled "{}" is not a date and time; write the departure in UTC, e.g. 2026-03-06 14:00', coalesce(scheduled_text, ''))]
            WHEN arrival IS NULL AND nullif(trim(arrival_text), '') IS NOT NULL THEN ['bad_arrival', 'arrival', format('arrival "{}" is not a date and time; write it in UTC or leave it empty', arrival_text)]
            WHEN arrival < scheduled THEN ['arrival_before_departure', 'arrival', format('arrival {} is before the departure {}; check both times (UTC)', strftime(arrival, '%Y-%m-%d %H:%M'), strftime(scheduled, '%Y-%m-%d %H:%M'))]
            WHEN status IS NULL THEN ['unknown_status', 'status', format('status "{}" is not one of planned, confirmed, departed, arrived, cancelled', coalesce(status_text, ''))]
            WHEN status IN ('departed', 'arrived') AND scheduled > reported_at + INTERVAL 10 MINUTE THEN ['departed_before_scheduled', 'scheduled', format('reported {} at {} but scheduled to leave at {}; write the actual departure time in scheduled', status, strftime(reported_at, '%Y-%m-%d %H:%M'), strftime(scheduled, '%Y-%m-%d %H:%M'))]
            WHEN c_seats.err IN ('negative', 'fraction', 'not_number') OR c_seats.n > 2147483647 THEN ['bad_count', 'seats', format('seats "{}" is not a whole number ≥ 0; leave it empty when not known', seats_text)]
            WHEN c_passengers.err IN ('negative', 'fraction', 'not_number') OR c_passengers.n > 2147483647 THEN ['bad_count', 'passengers', format('passengers "{}" is not a whole number ≥ 0', passengers_text)]
            WHEN status IN ('departed', 'arrived') AND c_passengers.n IS NULL THEN ['missing_passengers', 'passengers', format('a {} movement needs its passengers: how many people left on it', status)]
            WHEN c_passengers.n > c_seats.n THEN ['passengers_over_seats', 'passengers', format('passengers ({}) are more than seats ({}); correct one of them', c_passengers.n, c_seats.n)]
            WHEN c_elderly.err IN ('negative', 'fraction', 'not_number') OR c_elderly.n > 2147483647 THEN ['bad_count', 'elderly', format('elderly "{}" is not a whole number ≥ 0; leave it empty when not known', elderly_text)]
            WHEN c_women.err IN ('negative', 'fraction', 'not_number') OR c_women.n > 2147483647 THEN ['bad_count', 'women', format('women "{}" is not a whole number ≥ 0; leave it empty when not known', women_text)]
            WHEN c_children.err IN ('negative', 'fraction', 'not_number') OR c_children.n > 2147483647 THEN ['bad_count', 'children', format('children "{}" is not a whole number ≥ 0; leave it empty when not known', children_text)]
            WHEN c_medical.err IN ('negative', 'fraction', 'not_number') OR c_medical.n > 2147483647 THEN ['bad_count', 'medical', format('medical "{}" is not a whole number ≥ 0; leave it empty when not known', medical_text)]
            WHEN greatest(c_elderly.n, c_women.n, c_children.n, c_medical.n) > coalesce(c_passengers.n, c_seats.n)
                THEN ['group_over_passengers', 'passengers', format('a priority group (elderly, women, children, medical) is larger than the {} people on this movement', coalesce(c_passengers.n, c_seats.n))]
            WHEN o.nth_at_moment > 1 THEN ['duplicate_report', 'flight', format('flight {} already has a report at {}; give a correction a later reported_at', flight, strftime(reported_at, '%Y-%m-%d %H:%M'))]
            WHEN note IS NULL AND (
                    (o.prev_status = 'cancelled' AND status <> 'cancelled')
                 OR (status = 'cancelled' AND o.prev_status IN ('departed', 'arrived'))
                 OR (list_position(['planned', 'confirmed', 'departed', 'arrived'], status)
                     < list_position(['planned', 'confirmed', 'departed', 'arrived'], o.prev_status)))
                THEN ['status_backwards', 'status', format('status goes back from {} to {}; if this corrects the earlier report, say so in note', o.prev_status, status)]
        END AS problem
    FROM parsed p
    LEFT JOIN ordered o ON o.line = p.line
)
SELECT line,
       CASE WHEN problem IS NOT NULL THEN coalesce(raw, concat_ws(',', reported_text, mission_text, flight, mode_text,
            from_text, from_place, to_place, scheduled_text, arrival_text, status_text, seats_text, passengers_text,
            elderly_text, women_text, children_text, medical_text, note)) END AS raw,
       reported_at, mission_id, flight, mode, from_iso3, from_place, to_place, scheduled, arrival, status,
       c_seats.n::INTEGER AS seats, c_passengers.n::INTEGER AS passengers,
       c_elderly.n::INTEGER AS elderly, c_women.n::INTEGER AS women, c_children.n::INTEGER AS children,
       c_medical.n::INTEGER AS medical, note,
       problem[1] AS err_code, problem[2] AS err_col, problem[3] AS err_reason
FROM judged;
