-- Answers what lib_time makes of a day: {dnum(day), dstr(dnum(day)), tsec of its noon, badgetime
-- of its noon}.
-- ARGV[1]  the day, YYYY-MM-DD
local noon = ARGV[1] .. 'T12:00:00Z'
return {dnum(ARGV[1]), dstr(dnum(ARGV[1])), tsec(noon), badgetime(noon)}
