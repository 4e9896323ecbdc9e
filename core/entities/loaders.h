// Loaders that fill a Gazetteer from knowledge files. Each returns
// NOT_FOUND ("cannot open <path>") for an unreadable file and
// INVALID_ARGUMENT ("<path>:<line>: <what>") for malformed content; on
// error the gazetteer may hold part of the file. Not thread-safe: they run
// at start-up, before the gazetteer is shared.
#ifndef NEWSINDEX_CORE_ENTITIES_LOADERS_H_
#define NEWSINDEX_CORE_ENTITIES_LOADERS_H_

#include <string>

#include "absl/status/status.h"
#include "core/entities/gazetteer.h"

namespace newsindex {

// iso-codes' iso_3166-1.json: countries "country:<alpha-2>", with name,
// common_name, official_name and "Iran" from "Iran, Islamic Republic of".
absl::Status LoadIsoCountries(const std::string& path, Gazetteer* gazetteer);

// iso-codes' iso_3166-2.json: subdivisions "region:<code>" ("region:af-kab"),
// low priority, so that a city of the same name wins.
absl::Status LoadIsoSubdivisions(const std::string& path, Gazetteer* gazetteer);

// CLDR common/main/en.xml: English territory names and their short and
// variant forms, added to countries already loaded; CLDR's plain name
// becomes the display name ("Russia").
absl::Status LoadCldrTerritories(const std::string& path, Gazetteer* gazetteer);

// The territory names of the CLDR locales beside `en_path` (de.xml,
// fr.xml, ru.xml, zh.xml... kCldrNameLocales in iso_loader.cc; those that
// exist), added as aliases of the countries already loaded, so that
// "Russland", "Россия" and "俄罗斯" are country:ru. One-word names that are
// English common words are left out: they would be read in English text.
absl::Status LoadCldrLocaleNames(const std::string& en_path,
                                 Gazetteer* gazetteer);

// WordNet data.noun in `dir`: instance nouns of persons (multi-word names
// only), organisations and places (cities, regions; names of countries
// already loaded become their aliases). One-word names that are common
// words are skipped.
absl::Status LoadWordNetInstances(const std::string& dir, Gazetteer* gazetteer);

// Entity JSONL, one object per line (blank lines and lines starting with
// '#' are skipped):
//   {"id": "org:iskp", "name": "Islamic State Khorasan Province",
//    "type": "organization", "subtype": "", "country": "AF",
//    "aliases": ["ISKP", "ISIS-K"], "demonyms": ["Russian"]}
// "type" is person, organization, location or other; "subtype" country,
// region or city for locations. "id" is optional: a new entity gets
// "<type prefix>:<slug of name>"; an existing id merges (so a line may only
// add aliases or demonyms to "country:ru"). Aliases in capitals match only
// in capitals. Names load at `priority` (kPriorityCurated for the curated
// file, kPriorityOperator for operator gazetteers).
absl::Status LoadEntityJsonl(const std::string& path, int priority,
                             Gazetteer* gazetteer);

// A GeoNames dump of cities (cities15000.txt format: tab-separated,
// geonameid, name, asciiname, alternatenames, ..., country code in column
// 9, population in column 15). Each city becomes "city:<slug>" (or
// "city:<slug>-<cc>" when taken) with its Latin-script alternate names;
// a city of the same name and country already known (curated) gets them
// instead. Larger cities win shared names.
absl::Status LoadGeoNamesCities(const std::string& path, Gazetteer* gazetteer);

// A simple table, tab-separated, '#' comments: name, type, aliases
// ('|'-separated, may be empty) and optionally subtype and id:
//   Zamir Kabulov<TAB>person<TAB>Kabulov|Z. Kabulov
absl::Status LoadEntityTsv(const std::string& path, Gazetteer* gazetteer);

}  // namespace newsindex

#endif  // NEWSINDEX_CORE_ENTITIES_LOADERS_H_
