-- Names lose the bidirectional embedding, override and isolate controls (U+202A–202E,
-- U+2066–2069), which reorder the text around a name on boards and staff pages. New input drops
-- them (`vuoro_core::text::name`); this cleans what was stored before. Pages isolate every name
-- with <bdi> as well.

UPDATE organisations SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0;

UPDATE units SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0;

UPDATE users SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0;

UPDATE participants SET display_name = NULLIF(trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(display_name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')), '')
WHERE instr(display_name, char(8234)) > 0 OR instr(display_name, char(8235)) > 0 OR instr(display_name, char(8236)) > 0 OR instr(display_name, char(8237)) > 0 OR instr(display_name, char(8238)) > 0 OR instr(display_name, char(8294)) > 0 OR instr(display_name, char(8295)) > 0 OR instr(display_name, char(8296)) > 0 OR instr(display_name, char(8297)) > 0;

UPDATE notes SET shown_name = NULLIF(trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(shown_name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')), '')
WHERE instr(shown_name, char(8234)) > 0 OR instr(shown_name, char(8235)) > 0 OR instr(shown_name, char(8236)) > 0 OR instr(shown_name, char(8237)) > 0 OR instr(shown_name, char(8238)) > 0 OR instr(shown_name, char(8294)) > 0 OR instr(shown_name, char(8295)) > 0 OR instr(shown_name, char(8296)) > 0 OR instr(shown_name, char(8297)) > 0;

UPDATE topics SET shown_name = NULLIF(trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(shown_name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')), '')
WHERE instr(shown_name, char(8234)) > 0 OR instr(shown_name, char(8235)) > 0 OR instr(shown_name, char(8236)) > 0 OR instr(shown_name, char(8237)) > 0 OR instr(shown_name, char(8238)) > 0 OR instr(shown_name, char(8294)) > 0 OR instr(shown_name, char(8295)) > 0 OR instr(shown_name, char(8296)) > 0 OR instr(shown_name, char(8297)) > 0;

UPDATE org_plans SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0;

UPDATE plan_areas SET name = replace(replace(replace(replace(replace(replace(replace(replace(replace(name, char(8234), ''), char(8235), ''), char(8236), ''), char(8237), ''), char(8238), ''), char(8294), ''), char(8295), ''), char(8296), ''), char(8297), '')
WHERE instr(name, char(8234)) > 0 OR instr(name, char(8235)) > 0 OR instr(name, char(8236)) > 0 OR instr(name, char(8237)) > 0 OR instr(name, char(8238)) > 0 OR instr(name, char(8294)) > 0 OR instr(name, char(8295)) > 0 OR instr(name, char(8296)) > 0 OR instr(name, char(8297)) > 0;
