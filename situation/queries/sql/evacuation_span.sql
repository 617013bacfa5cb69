-- When the operation began: the first departure of a movement or an evacuation group.
SELECT least((SELECT min(scheduled) FROM movements WHERE status IN ('departed', 'arrived')),
             (SELECT min(date) FROM evacuations)) AS first_departure;
