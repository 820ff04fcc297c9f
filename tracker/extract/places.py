"""A small gazetteer: world capitals and major cities with their country (common English names,
as the actors module names countries), and the countries the actors table does not list.

Used for locations: "in Halifax", "to Kiev", "at the Palais des Nations in Geneva" -> the city.
"""
from __future__ import annotations

# Country: city, city, ... (capitals first). Names as newswire writes them; old spellings kept
# alongside new ones (Bombay/Mumbai, Kiev/Kyiv, Peking is left out: it misreads as a person).
_ROWS = """
Afghanistan: Kabul, Kandahar, Herat, Mazar-i-Sharif
Albania: Tirana
Algeria: Algiers, Oran
Angola: Luanda
Argentina: Buenos Aires, Cordoba, Rosario
Armenia: Yerevan
Australia: Canberra, Sydney, Melbourne, Brisbane, Perth, Adelaide, Darwin, Hobart
Austria: Vienna, Salzburg, Graz, Innsbruck
Azerbaijan: Baku
Bahrain: Manama
Bangladesh: Dhaka, Chittagong
Belarus: Minsk
Belgium: Brussels, Antwerp, Ghent, Liege
Bolivia: La Paz, Sucre, Santa Cruz
Bosnia: Sarajevo, Banja Luka, Mostar, Tuzla, Srebrenica
Brazil: Brasilia, Rio de Janeiro, Sao Paulo, São Paulo, Salvador, Recife, Belo Horizonte, Manaus, Porto Alegre
Bulgaria: Sofia, Plovdiv, Varna
Cambodia: Phnom Penh
Cameroon: Yaounde, Douala
Canada: Ottawa, Toronto, Montreal, Vancouver, Calgary, Edmonton, Winnipeg, Halifax, Quebec City, Victoria, Regina
Chile: Santiago, Valparaiso
China: Beijing, Shanghai, Hong Kong, Guangzhou, Shenzhen, Wuhan, Chongqing, Tianjin, Nanjing, Chengdu, Xi'an, Macau
Colombia: Bogota, Bogotá, Medellin, Cali, Cartagena
Congo: Kinshasa, Brazzaville, Goma
Costa Rica: San Jose
Croatia: Zagreb, Split, Dubrovnik
Cuba: Havana, Santiago de Cuba, Guantanamo
Cyprus: Nicosia, Limassol
Czech Republic: Prague, Brno
Denmark: Copenhagen, Aarhus
Dominican Republic: Santo Domingo
Ecuador: Quito, Guayaquil
Egypt: Cairo, Alexandria, Sharm el-Sheikh, Luxor
El Salvador: San Salvador
Estonia: Tallinn
Ethiopia: Addis Ababa
Fiji: Suva
Finland: Helsinki
France: Paris, Marseille, Lyon, Toulouse, Nice, Strasbourg, Bordeaux, Lille, Nantes, Cannes, Versailles
Georgia: Tbilisi
Germany: Berlin, Bonn, Munich, Hamburg, Frankfurt, Cologne, Stuttgart, Dusseldorf, Düsseldorf, Leipzig, Dresden, Hanover, Hannover, Nuremberg, Bremen
Ghana: Accra
Greece: Athens, Thessaloniki
Guatemala: Guatemala City
Haiti: Port-au-Prince
Honduras: Tegucigalpa
Hungary: Budapest
Iceland: Reykjavik
India: New Delhi, Delhi, Mumbai, Bombay, Kolkata, Calcutta, Chennai, Madras, Bangalore, Hyderabad, Ahmedabad, Srinagar
Indonesia: Jakarta, Bali, Surabaya, Bandung, Medan, Aceh, Yogyakarta
Iran: Tehran, Isfahan, Mashhad, Tabriz, Shiraz
Iraq: Baghdad, Basra, Mosul, Kirkuk, Irbil, Erbil, Tikrit, Fallujah, Najaf, Karbala
Ireland: Dublin, Cork
Israel: Jerusalem, Tel Aviv, Haifa, Eilat
Italy: Rome, Milan, Naples, Turin, Florence, Venice, Genoa, Bologna, Palermo
Ivory Coast: Abidjan, Yamoussoukro
Jamaica: Kingston
Japan: Tokyo, Osaka, Kyoto, Yokohama, Nagoya, Hiroshima, Nagasaki, Kobe, Sapporo, Okinawa
Jordan: Amman, Aqaba
Kazakhstan: Astana, Almaty, Nur-Sultan, Shymkent, Karaganda
Kenya: Nairobi, Mombasa
Kosovo: Pristina
Kuwait: Kuwait City
Kyrgyzstan: Bishkek, Osh
Laos: Vientiane
Latvia: Riga
Lebanon: Beirut, Tyre, Sidon
Libya: Tripoli, Benghazi
Lithuania: Vilnius, Kaunas
Luxembourg: Luxembourg City
Malaysia: Kuala Lumpur, Putrajaya, Penang
Mali: Bamako
Malta: Valletta
Mexico: Mexico City, Guadalajara, Monterrey, Tijuana, Cancun, Acapulco
Moldova: Chisinau
Mongolia: Ulan Bator, Ulaanbaatar
Montenegro: Podgorica
Morocco: Rabat, Casablanca, Marrakech, Tangier
Mozambique: Maputo
Myanmar: Yangon, Rangoon, Naypyidaw
Nepal: Kathmandu
Netherlands: Amsterdam, The Hague, Rotterdam, Utrecht
New Zealand: Wellington, Auckland, Christchurch
Nicaragua: Managua
Nigeria: Abuja, Lagos, Kano
North Korea: Pyongyang
North Macedonia: Skopje
Norway: Oslo, Bergen
Oman: Muscat
Pakistan: Islamabad, Karachi, Lahore, Peshawar, Rawalpindi, Quetta
Palestine: Ramallah, Gaza, Gaza City, Bethlehem, Hebron, Nablus, Jericho
Panama: Panama City
Paraguay: Asuncion
Peru: Lima, Cusco, Arequipa
Philippines: Manila, Quezon City, Cebu, Davao
Poland: Warsaw, Krakow, Gdansk, Wroclaw, Poznan
Portugal: Lisbon, Porto
Qatar: Doha
Romania: Bucharest, Cluj, Timisoara, Constanta
Russia: Moscow, St. Petersburg, Saint Petersburg, Vladivostok, Novosibirsk, Yekaterinburg, Kazan, Sochi, Grozny, Murmansk, Kaliningrad
Rwanda: Kigali
Saudi Arabia: Riyadh, Jeddah, Mecca, Medina, Dhahran
Senegal: Dakar
Serbia: Belgrade, Novi Sad
Singapore: Singapore
Slovakia: Bratislava
Slovenia: Ljubljana
Somalia: Mogadishu
South Africa: Pretoria, Johannesburg, Cape Town, Durban
South Korea: Seoul, Busan, Pusan, Incheon
Spain: Madrid, Barcelona, Seville, Valencia, Bilbao, Malaga
Sri Lanka: Colombo
Sudan: Khartoum
Sweden: Stockholm, Gothenburg, Malmo
Switzerland: Bern, Geneva, Zurich, Basel, Lausanne, Davos
Syria: Damascus, Aleppo, Homs
Taiwan: Taipei
Tajikistan: Dushanbe
Tanzania: Dodoma, Dar es Salaam, Arusha
Thailand: Bangkok, Chiang Mai, Phuket
Tunisia: Tunis
Turkey: Ankara, Istanbul, Izmir, Antalya
Turkmenistan: Ashgabat
Uganda: Kampala
Ukraine: Kiev, Kyiv, Kharkiv, Kharkov, Odessa, Lviv, Donetsk, Dnipro, Sevastopol, Simferopol
United Arab Emirates: Abu Dhabi, Dubai
United Kingdom: London, Edinburgh, Manchester, Birmingham, Liverpool, Glasgow, Belfast, Cardiff, Oxford, Cambridge
United States: Washington, New York, Los Angeles, Chicago, Houston, Miami, Boston, San Francisco, Philadelphia, Atlanta, Dallas, Seattle, Detroit, Denver, Phoenix, New Orleans, Las Vegas, San Diego, Baltimore, Pittsburgh, Cleveland, St. Louis, Minneapolis, Honolulu, Anchorage, Orlando, Tampa, Nashville, Austin, Sacramento, Portland, Newark, Brooklyn, Manhattan, Camp David
Uruguay: Montevideo
Uzbekistan: Tashkent, Samarkand
Vatican: Vatican City
Venezuela: Caracas, Maracaibo
Vietnam: Hanoi, Ho Chi Minh City, Saigon
Yemen: Sanaa, Aden
Zambia: Lusaka
Zimbabwe: Harare
"""

# Countries missing from the actors table: canonical name | other names | demonyms.
EXTRA_COUNTRY_ROWS = """
Angola||Angolan
Bolivia||Bolivian
Cameroon||Cameroonian
Congo|Democratic Republic of Congo|Congolese
Costa Rica||Costa Rican
Dominican Republic||Dominican
Ecuador||Ecuadorian|Ecuadoran
El Salvador||Salvadoran
Fiji||Fijian
Ghana||Ghanaian
Guatemala||Guatemalan
Honduras||Honduran
Iceland||Icelandic
Ivory Coast|Cote d'Ivoire|Ivorian
Jamaica||Jamaican
Laos||Laotian
Luxembourg||
Mali||Malian
Malta||Maltese
Montenegro||Montenegrin
Mozambique||Mozambican
Myanmar|Burma|Burmese
Nepal||Nepalese|Nepali
Nicaragua||Nicaraguan
North Macedonia|Macedonia|Macedonian
Panama||Panamanian
Paraguay||Paraguayan
Peru||Peruvian
Rwanda||Rwandan
Senegal||Senegalese
Singapore||Singaporean
Sri Lanka||Sri Lankan
Uruguay||Uruguayan
Vatican||
Zambia||Zambian
Zimbabwe||Zimbabwean
"""


def _load() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _ROWS.strip().splitlines():
        country, cities = row.split(":", 1)
        for c in cities.split(","):
            c = c.strip()
            if c:
                out.setdefault(c, country.strip())
    return out


CITIES: dict[str, str] = _load()
