"""Country names to ISO 3166-1 alpha-2 codes.

Film pages name countries in many ways: IMDb's "USA", "UK", "West Germany" and
"Korea, South", full names, codes, and localised names on German or Hungarian
pages. Storing the two-letter code makes them comparable.

States that broke up into several countries keep their former ISO code, because
no current code covers them: "Soviet Union" -> "SU" (exceptionally reserved by
ISO 3166 and still widely used), "Yugoslavia" -> "YU", "Czechoslovakia" -> "CS",
"East Germany" -> "DD". Renamed or merged-into states take the current code:
"West Germany" -> "DE", "Burma" -> "MM", "Zaire" -> "CD".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from .errors import NormalizeError
from .text import clean_text

_KIND = "country"
_MAX_LEN = 100

# code, then every name that means it (English first, then other spellings).
_TABLE: tuple[tuple[str, ...], ...] = (
    ("AD", "Andorra"),
    ("AE", "United Arab Emirates", "UAE", "Vereinigte Arabische Emirate", "Egyesült Arab Emírségek"),
    ("AF", "Afghanistan"),
    ("AG", "Antigua and Barbuda"),
    ("AI", "Anguilla"),
    ("AL", "Albania", "Albanien", "Albánia"),
    ("AM", "Armenia", "Armenien", "Örményország"),
    ("AO", "Angola"),
    ("AQ", "Antarctica"),
    ("AR", "Argentina", "Argentinien"),
    ("AS", "American Samoa"),
    ("AT", "Austria", "Österreich", "Ausztria"),
    ("AU", "Australia", "Australien", "Ausztrália"),
    ("AW", "Aruba"),
    ("AX", "Åland Islands", "Aland Islands"),
    ("AZ", "Azerbaijan", "Aserbaidschan", "Azerbajdzsán"),
    ("BA", "Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosnien und Herzegowina", "Bosznia-Hercegovina"),
    ("BB", "Barbados"),
    ("BD", "Bangladesh", "Bangladesch"),
    ("BE", "Belgium", "Belgien", "Belgique", "België"),
    ("BF", "Burkina Faso"),
    ("BG", "Bulgaria", "Bulgarien", "Bulgária"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BJ", "Benin"),
    ("BL", "Saint Barthélemy"),
    ("BM", "Bermuda"),
    ("BN", "Brunei", "Brunei Darussalam"),
    ("BO", "Bolivia", "Bolivien"),
    ("BQ", "Caribbean Netherlands", "Bonaire, Sint Eustatius and Saba"),
    ("BR", "Brazil", "Brasil", "Brasilien", "Brazília"),
    ("BS", "Bahamas", "The Bahamas"),
    ("BT", "Bhutan"),
    ("BV", "Bouvet Island"),
    ("BW", "Botswana"),
    ("BY", "Belarus", "Weißrussland", "Belarusz", "Fehéroroszország"),
    ("BZ", "Belize"),
    ("CA", "Canada", "Kanada"),
    ("CC", "Cocos (Keeling) Islands", "Cocos Islands"),
    ("CD", "Democratic Republic of the Congo", "Congo, Democratic Republic of the", "DR Congo", "Zaire"),
    ("CF", "Central African Republic"),
    ("CG", "Republic of the Congo", "Congo", "Congo-Brazzaville"),
    ("CH", "Switzerland", "Schweiz", "Suisse", "Svájc"),
    ("CI", "Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast"),
    ("CK", "Cook Islands"),
    ("CL", "Chile"),
    ("CM", "Cameroon", "Kamerun"),
    ("CN", "China", "People's Republic of China", "PRC", "Kína"),
    ("CO", "Colombia", "Kolumbien", "Kolumbia"),
    ("CR", "Costa Rica"),
    ("CU", "Cuba", "Kuba"),
    ("CV", "Cape Verde", "Cabo Verde"),
    ("CW", "Curaçao", "Curacao"),
    ("CX", "Christmas Island"),
    ("CY", "Cyprus", "Zypern", "Ciprus"),
    ("CZ", "Czech Republic", "Czechia", "Tschechien", "Tschechische Republik", "Csehország", "Česko"),
    ("DE", "Germany", "West Germany", "Federal Republic of Germany", "Deutschland", "Bundesrepublik Deutschland",
     "BRD", "BR Deutschland", "Westdeutschland", "Németország", "NSZK", "Nyugat-Németország", "Německo",
     "Nemecko"),
    ("DJ", "Djibouti"),
    ("DK", "Denmark", "Dänemark", "Dánia", "Danmark"),
    ("DM", "Dominica"),
    ("DO", "Dominican Republic", "Dominikanische Republik"),
    ("DZ", "Algeria", "Algerien", "Algéria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia", "Estland", "Észtország"),
    ("EG", "Egypt", "Ägypten", "Egyiptom"),
    ("EH", "Western Sahara"),
    ("ER", "Eritrea"),
    ("ES", "Spain", "España", "Spanien", "Spanyolország"),
    ("ET", "Ethiopia", "Äthiopien"),
    ("FI", "Finland", "Finnland", "Finnország", "Suomi"),
    ("FJ", "Fiji"),
    ("FK", "Falkland Islands"),
    ("FM", "Micronesia", "Federated States of Micronesia"),
    ("FO", "Faroe Islands", "Faroes"),
    ("FR", "France", "Frankreich", "Franciaország", "Francie", "Francúzsko"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom", "UK", "Great Britain", "Britain", "England", "Scotland", "Wales",
     "Northern Ireland", "United Kingdom of Great Britain and Northern Ireland", "Großbritannien",
     "Vereinigtes Königreich", "Nagy-Britannia", "Egyesült Királyság", "Velká Británie", "Veľká Británia"),
    ("GD", "Grenada"),
    ("GE", "Georgia", "Georgien", "Grúzia"),
    ("GF", "French Guiana"),
    ("GG", "Guernsey"),
    ("GH", "Ghana"),
    ("GI", "Gibraltar"),
    ("GL", "Greenland", "Grönland"),
    ("GM", "Gambia", "The Gambia"),
    ("GN", "Guinea"),
    ("GP", "Guadeloupe"),
    ("GQ", "Equatorial Guinea"),
    ("GR", "Greece", "Griechenland", "Görögország"),
    ("GS", "South Georgia and the South Sandwich Islands"),
    ("GT", "Guatemala"),
    ("GU", "Guam"),
    ("GW", "Guinea-Bissau"),
    ("GY", "Guyana"),
    ("HK", "Hong Kong", "Hongkong", "Hong Kong SAR", "Hong Kong SAR China"),
    ("HM", "Heard Island and McDonald Islands"),
    ("HN", "Honduras"),
    ("HR", "Croatia", "Kroatien", "Horvátország"),
    ("HT", "Haiti"),
    ("HU", "Hungary", "Ungarn", "Magyarország"),
    ("ID", "Indonesia", "Indonesien", "Indonézia"),
    ("IE", "Ireland", "Republic of Ireland", "Irland", "Írország", "Irsko", "Írsko"),
    ("IL", "Israel", "Izrael"),
    ("IM", "Isle of Man"),
    ("IN", "India", "Indien"),
    ("IO", "British Indian Ocean Territory"),
    ("IQ", "Iraq", "Irak"),
    ("IR", "Iran", "Iran, Islamic Republic of", "Islamic Republic of Iran", "Irán"),
    ("IS", "Iceland", "Island", "Izland"),
    ("IT", "Italy", "Italia", "Italien", "Olaszország"),
    ("JE", "Jersey"),
    ("JM", "Jamaica", "Jamaika"),
    ("JO", "Jordan", "Jordanien"),
    ("JP", "Japan", "Japán"),
    ("KE", "Kenya", "Kenia"),
    ("KG", "Kyrgyzstan"),
    ("KH", "Cambodia", "Kambodscha"),
    ("KI", "Kiribati"),
    ("KM", "Comoros"),
    ("KN", "Saint Kitts and Nevis"),
    ("KP", "North Korea", "Korea, North", "Democratic People's Republic of Korea", "DPRK", "Nordkorea",
     "Észak-Korea"),
    ("KR", "South Korea", "Korea, South", "Republic of Korea", "Südkorea", "Dél-Korea"),
    ("KW", "Kuwait"),
    ("KY", "Cayman Islands"),
    ("KZ", "Kazakhstan", "Kasachstan", "Kazahsztán"),
    ("LA", "Laos"),
    ("LB", "Lebanon", "Libanon"),
    ("LC", "Saint Lucia"),
    ("LI", "Liechtenstein"),
    ("LK", "Sri Lanka"),
    ("LR", "Liberia"),
    ("LS", "Lesotho"),
    ("LT", "Lithuania", "Litauen", "Litvánia"),
    ("LU", "Luxembourg", "Luxemburg"),
    ("LV", "Latvia", "Lettland", "Lettország"),
    ("LY", "Libya", "Libyen"),
    ("MA", "Morocco", "Marokko", "Marokkó"),
    ("MC", "Monaco"),
    ("MD", "Moldova", "Republic of Moldova"),
    ("ME", "Montenegro"),
    ("MF", "Saint Martin"),
    ("MG", "Madagascar"),
    ("MH", "Marshall Islands"),
    ("MK", "North Macedonia", "Macedonia", "Republic of North Macedonia", "Republic of Macedonia",
     "Nordmazedonien", "Észak-Macedónia"),
    ("ML", "Mali"),
    ("MM", "Myanmar", "Burma"),
    ("MN", "Mongolia", "Mongolei"),
    ("MO", "Macao", "Macau"),
    ("MP", "Northern Mariana Islands"),
    ("MQ", "Martinique"),
    ("MR", "Mauritania"),
    ("MS", "Montserrat"),
    ("MT", "Malta"),
    ("MU", "Mauritius"),
    ("MV", "Maldives"),
    ("MW", "Malawi"),
    ("MX", "Mexico", "México", "Mexiko", "Mexikó"),
    ("MY", "Malaysia"),
    ("MZ", "Mozambique"),
    ("NA", "Namibia"),
    ("NC", "New Caledonia"),
    ("NE", "Niger"),
    ("NF", "Norfolk Island"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NL", "Netherlands", "Holland", "Niederlande", "Hollandia", "Nederland"),
    ("NO", "Norway", "Norwegen", "Norvégia", "Norge"),
    ("NP", "Nepal"),
    ("NR", "Nauru"),
    ("NU", "Niue"),
    ("NZ", "New Zealand", "Neuseeland", "Új-Zéland"),
    ("OM", "Oman"),
    ("PA", "Panama"),
    ("PE", "Peru"),
    ("PF", "French Polynesia"),
    ("PG", "Papua New Guinea"),
    ("PH", "Philippines", "Philippinen", "Fülöp-szigetek"),
    ("PK", "Pakistan"),
    ("PL", "Poland", "Polen", "Lengyelország", "Polska"),
    ("PM", "Saint Pierre and Miquelon"),
    ("PN", "Pitcairn", "Pitcairn Islands"),
    ("PR", "Puerto Rico"),
    ("PS", "Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territory"),
    ("PT", "Portugal", "Portugália"),
    ("PW", "Palau"),
    ("PY", "Paraguay"),
    ("QA", "Qatar", "Katar"),
    ("RE", "Réunion", "Reunion"),
    ("RO", "Romania", "Rumänien", "Románia"),
    ("RS", "Serbia", "Serbien", "Szerbia"),
    ("RU", "Russia", "Russian Federation", "Russland", "Oroszország"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia", "Saudi-Arabien", "Szaúd-Arábia"),
    ("SB", "Solomon Islands"),
    ("SC", "Seychelles"),
    ("SD", "Sudan"),
    ("SE", "Sweden", "Schweden", "Svédország", "Sverige"),
    ("SG", "Singapore", "Singapur", "Szingapúr"),
    ("SH", "Saint Helena"),
    ("SI", "Slovenia", "Slowenien", "Szlovénia"),
    ("SJ", "Svalbard and Jan Mayen"),
    ("SK", "Slovakia", "Slowakei", "Szlovákia"),
    ("SL", "Sierra Leone"),
    ("SM", "San Marino"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SR", "Suriname"),
    ("SS", "South Sudan"),
    ("ST", "São Tomé and Príncipe", "Sao Tome and Principe"),
    ("SV", "El Salvador"),
    ("SX", "Sint Maarten"),
    ("SY", "Syria", "Syrien", "Szíria"),
    ("SZ", "Eswatini", "Swaziland"),
    ("TC", "Turks and Caicos Islands"),
    ("TD", "Chad"),
    ("TF", "French Southern Territories"),
    ("TG", "Togo"),
    ("TH", "Thailand", "Thaiföld"),
    ("TJ", "Tajikistan"),
    ("TK", "Tokelau"),
    ("TL", "Timor-Leste", "East Timor"),
    ("TM", "Turkmenistan"),
    ("TN", "Tunisia", "Tunesien", "Tunézia"),
    ("TO", "Tonga"),
    ("TR", "Turkey", "Türkiye", "Türkei", "Törökország"),
    ("TT", "Trinidad and Tobago"),
    ("TV", "Tuvalu"),
    ("TW", "Taiwan", "Tajvan"),
    ("TZ", "Tanzania"),
    ("UA", "Ukraine", "Ukrajna"),
    ("UG", "Uganda"),
    ("UM", "United States Minor Outlying Islands"),
    ("US", "United States", "United States of America", "USA", "America", "Vereinigte Staaten",
     "Vereinigte Staaten von Amerika", "Egyesült Államok", "Amerikai Egyesült Államok", "Estados Unidos",
     "États-Unis", "Spojené státy americké", "Spojené štáty americké"),
    ("UY", "Uruguay"),
    ("UZ", "Uzbekistan", "Usbekistan"),
    ("VA", "Vatican City", "Holy See", "Vatican"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VE", "Venezuela"),
    ("VG", "British Virgin Islands"),
    ("VI", "U.S. Virgin Islands", "US Virgin Islands"),
    ("VN", "Vietnam", "Viet Nam"),
    ("VU", "Vanuatu"),
    ("WF", "Wallis and Futuna"),
    ("WS", "Samoa"),
    # XK is a user-assigned code, but the one the EU and most data sets use for Kosovo.
    ("XK", "Kosovo"),
    ("YE", "Yemen", "Jemen"),
    ("YT", "Mayotte"),
    ("ZA", "South Africa", "Südafrika", "Dél-Afrika", "Dél-afrikai Köztársaság"),
    ("ZM", "Zambia"),
    ("ZW", "Zimbabwe"),
    # Former states that split into several countries (see the module docstring).
    ("SU", "Soviet Union", "USSR", "UdSSR", "Sowjetunion", "Szovjetunió"),
    ("YU", "Yugoslavia", "Federal Republic of Yugoslavia", "Jugoslawien", "Jugoszlávia"),
    ("CS", "Czechoslovakia", "Tschechoslowakei", "Csehszlovákia"),
    ("DD", "East Germany", "German Democratic Republic", "DDR", "NDK", "Kelet-Németország"),
)

_DOTS = re.compile(r"\.")
_THE = re.compile(r"^the ")


def _key(name: str) -> str:
    key = clean_text(name).replace("’", "'").replace("&", " and ")
    key = " ".join(_DOTS.sub("", key).split()).casefold()
    return _THE.sub("", key.strip(" ()[],;:"))


COUNTRY_CODES: frozenset[str] = frozenset(row[0] for row in _TABLE)
COUNTRY_NAMES: Mapping[str, str] = MappingProxyType(
    {_key(name): row[0] for row in _TABLE for name in row[1:]}
)


def country_code(name: str) -> str:
    """ISO 3166-1 alpha-2 code for a country name, IMDb abbreviation or code: "UK" -> "GB"."""
    if len(name) > _MAX_LEN:
        raise NormalizeError(_KIND, name, "text too long")
    key = _key(name)
    code = COUNTRY_NAMES.get(key)
    if code is None and key.upper() in COUNTRY_CODES:
        code = key.upper()
    if code is None:
        raise NormalizeError(_KIND, name, "unknown country")
    return code


def _english_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in _TABLE:
        names.setdefault(row[0], row[1])  # a row's first name is the English one
    return names


COUNTRY_ENGLISH_NAMES: Mapping[str, str] = MappingProxyType(_english_names())
"""The English name of every code the table knows ("GB" -> "United Kingdom"); the lookup table analysts join."""
