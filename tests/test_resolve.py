"""Resolution across the article: canonical names, abbreviations, descriptions and the speakers list."""
from __future__ import annotations

import pytest
from conftest import assert_offsets

from quotecli import extract


def test_surname_gives_fullest_name_and_speakers_list():
    text = ("Menteri Luar Negeri Sugiono bertemu Menteri Luar Negeri Jepang Takeshi Iwaya di Tokyo.\n"
            '"Kerja sama maritim kita perluas," kata Iwaya.\n'
            '"Kami sepakat," ujar Iwaya kepada wartawan.')
    r = extract(text, fast=True)
    assert [q.speaker for q in r.quotes] == ["Takeshi Iwaya", "Takeshi Iwaya"]
    sp = {s.name: s for s in r.speakers}
    assert sp["Takeshi Iwaya"].quote_count == 2 and sp["Takeshi Iwaya"].type == "person"
    assert "Iwaya" in sp["Takeshi Iwaya"].aliases


def test_organisation_abbreviation_gives_spelled_out_name():
    text = ("Kementerian Pertahanan Rusia mengumumkan latihan militer baru.\n"
            '"Latihan berlangsung selama sepekan," demikian pernyataan resmi Kemenhan Rusia.')
    r = extract(text, fast=True)
    direct = [q for q in r.quotes if q.type == "direct"]
    assert direct[0].speaker == "Kementerian Pertahanan Rusia"
    assert direct[0].speaker_type == "organisation"


def test_parenthesised_short_form_resolves():
    text = ("Wakil Presiden Jusuf Kalla (JK) membuka seminar ekonomi.\n"
            '"Ekonomi kita masih tumbuh," kata JK di Jakarta.')
    q = [q for q in extract(text, fast=True).quotes if q.type == "direct"][0]
    assert q.speaker == "Jusuf Kalla"


def test_role_description_with_itu_resolves_to_the_earlier_speaker():
    text = ('"Kami akan banding," kata pengacara terdakwa, Hotman Paris Hutapea.\n'
            '"Putusan ini tidak adil," ujar pria yang juga pengusaha itu.')
    qs = extract(text, fast=True).quotes
    assert [q.speaker for q in qs] == ["Hotman Paris Hutapea", "Hotman Paris Hutapea"]


def test_unnamed_description_is_kept_as_speaker():
    q = extract('"Air naik sejak subuh," kata seorang warga yang enggan disebut namanya.', fast=True).quotes[0]
    assert q.speaker == "seorang warga" and q.speaker_type == "other"


def test_unresolvable_pronoun_gives_null_speaker_and_low_confidence():
    q = extract('"Kami menunggu keputusan," katanya.', fast=True).quotes[0]
    assert q.speaker is None
    assert q.confidence < 0.5


def test_offsets_point_at_the_quote_speaker_and_cue():
    text = 'Lead paragraph.\n"Tidak ada yang berubah," kata Ketua DPR Puan Maharani di Senayan.'
    r = extract(text, fast=True)
    assert r.quotes
    assert_offsets(text, r.quotes)


def test_long_form_with_commas_and_its_acronym_are_one_organisation():
    text = ("Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperingatkan hujan lebat masih turun.\n"
            '"Masyarakat diimbau tetap waspada," tulis BMKG dalam keterangan resminya.')
    qs = extract(text, fast=True).quotes
    assert {q.speaker for q in qs} == {"Badan Meteorologi, Klimatologi, dan Geofisika"}
    assert {q.speaker_type for q in qs} == {"organisation"}


def test_bare_title_resolves_to_the_person_holding_it():
    text = ("Kapolres Bogor AKBP Rio Wahyu Anggoro memimpin olah tempat kejadian.\n"
            '"Pelaku sudah kami amankan," sambung Kapolres.')
    q = extract(text, fast=True).quotes[-1]
    assert q.speaker == "Rio Wahyu Anggoro"


def test_menurut_keterangan_names_the_source():
    q = extract("Menurut keterangan polisi, korban tewas di tempat kejadian.", fast=True).quotes[0]
    assert q.speaker == "polisi" and q.quote == "korban tewas di tempat kejadian"


def test_institution_anaphor_resolves_to_the_latest_organisation():
    text = ('"Tarif itu tidak adil," kata Presiden Amerika Serikat Donald Trump.\n'
            "Kementerian Perdagangan China segera merespons. Kementerian tersebut menyatakan akan membalas.")
    qs = extract(text, fast=True).quotes
    assert [q.speaker for q in qs] == ["Donald Trump", "Kementerian Perdagangan China"]


def test_role_without_a_name_resolves_to_the_named_holder_of_that_role():
    text = ("Ketua KPK Setyo Budianto/Istimewa\n"
            "Jakarta: Ketua Komisi Pemberantasan Korupsi (KPK), menilai penangkapan itu sebagai ironi.")
    q = extract(text, fast=True).quotes[0]
    assert q.speaker == "Setyo Budianto"


@pytest.mark.parametrize("text, speaker", [
    # the short form of the office, given in brackets, is the office's; its holder says the words
    ("Penahanan itu disampaikan Kepala Kejaksaan Tinggi (Kajati) Sulawesi Tenggara Hendro Wiyono di Kendari.\n"
     '"Berkas perkara segera kami lengkapi," kata Kajati Sulawesi Tenggara.', "Hendro Wiyono"),
    ("Wakil Rektor (Warek) II Universitas Nusantara, Bambang Sulistyo, menemui mahasiswa.\n"
     '"Kami dengar dulu tuntutannya," ujar Warek II.', "Bambang Sulistyo"),
])
def test_short_title_of_an_office_resolves_to_its_named_holder(text, speaker):
    assert extract(text, fast=True).quotes[-1].speaker == speaker


def test_role_of_another_country_is_not_a_different_minister():
    text = ('"Tindakan itu mengerikan," ujar Menteri Kehakiman Jerman, Heiko Maas.\n'
            "Menteri Luar Negeri Korea Utara menuduh AS mengabaikan hukum internasional.")
    qs = extract(text, fast=True).quotes
    assert qs[-1].speaker == "Menteri Luar Negeri Korea Utara"


@pytest.mark.parametrize("text, speaker", [
    ('"Tolong bebaskan keluarga kami," ujar salah satu keluarga WNI yang tersandera dalam video itu.',
     "salah satu keluarga WNI yang tersandera"),
    ('"Air naik sejak subuh," kata seorang warga yang enggan disebut namanya.', "seorang warga"),
])
def test_unnamed_speaker_keeps_a_short_identifying_clause_but_not_an_anonymity_formula(text, speaker):
    assert extract(text, fast=True).quotes[0].speaker == speaker


def test_uncued_quote_after_another_subject_is_not_given_to_the_earlier_speaker():
    text = ('"Kami menang karena disiplin," kata pelatih Persija Carlos Pena.\n'
            "Pelatih Persib Bojan Hodak menilai timnya kurang beruntung.\n"
            '"Wasit tidak memberi kami penalti yang jelas."')
    qs = extract(text, fast=True).quotes
    assert qs[-1].speaker != "Carlos Pena"


def test_quote_continued_over_paragraphs_keeps_its_speaker():
    text = ('"Kami menang karena disiplin.\n"Semua pemain bekerja keras," kata pelatih Persija, Carlos Pena.\n'
            '"Besok kami latihan lagi."')
    assert {q.speaker for q in extract(text, fast=True).quotes} == {"Carlos Pena"}


def test_organisation_name_before_a_person_is_cut_when_the_article_names_him_short():
    # "PT Mandiri Sekuritas" is the employer; the article later calls the analyst "Budi"
    text = ('"Pasar obligasi masih tertekan," kata analis PT Mandiri Sekuritas Budi Santoso Wijaya.\n'
            "Budi memperkirakan imbal hasil naik pekan depan.")
    r = extract(text, fast=True)
    assert {q.speaker for q in r.quotes} == {"Budi Santoso Wijaya"}
    assert [s.name for s in r.speakers] == ["Budi Santoso Wijaya"]


@pytest.mark.parametrize("text", [
    # "Wahyu" is used alone later: part of the name, not of the foundation's
    '"Kami menambah jam layanan," kata ketua Yayasan Wahyu Adi Nugroho.\n'
    "Wahyu juga meminta warga tidak panik. Adi Nugroho tiba pukul tujuh.",
    # "Muhammad Ridho" is called "Ridho", yet "Muhammad" is his
    '"Dana desa cair pekan depan," kata pendamping Desa Muhammad Ridho Pratama.\n'
    "Ridho menambahkan laporan sudah dikirim.",
    # an acronym is a whole organisation name: "KPK" takes no words from the person after it
    '"Kami akan memanggil saksi lain," kata Wakil Ketua KPK Alexander Marwata Siregar.\n'
    "Marwata mengatakan pemeriksaan berlanjut.",
])
def test_name_after_an_organisation_word_stays_whole_when_its_first_word_is_the_persons(text):
    assert extract(text, fast=True).quotes[0].speaker.split()[0] in ("Wahyu", "Muhammad", "Alexander")


@pytest.mark.parametrize("text, speaker", [
    # an unnamed person who became the subject is who "-nya" means, not the earlier named speaker
    ('"Harga naik," kata Budi Santoso.\nSeorang pedagang mengeluh sepi pembeli. '
     '"Sejak pagi baru dua orang," katanya.', "Seorang pedagang"),
    ('"Harga naik," kata Budi Santoso.\n"Air naik sejak subuh," kata seorang warga. '
     "Ia mengaku belum menerima bantuan.", "seorang warga"),
    # a role named by a province's short form is a person's role, not a person called "Sumut"
    ('"Kami kekurangan anggaran," kata Ketua DPRD Kalbar Aloysius Jamin.\n'
     'Gubernur Kalbar menjawab kritik itu. "Kami sudah menganggarkan Rp 2 triliun," ucapnya.',
     "Gubernur Kalbar"),
])
def test_pronoun_after_an_unnamed_subject_means_that_subject(text, speaker):
    assert extract(text, fast=True).quotes[-1].speaker == speaker


def test_acronym_place_does_not_join_an_organisation_to_a_name():
    text = ("Hal senada disampaikan Ketua Organda DKI Wahyu Pratama. "
            '"Belum ada yang mengajak kami bicara," tegas Wahyu.')
    assert extract(text, fast=True).quotes[-1].speaker == "Wahyu Pratama"


@pytest.mark.parametrize("text, speaker", [
    ('"Putusan itu cacat hukum," kata Guru Besar Hukum Internasional UI Prof. Hikmahanto Juwana.',
     "Hikmahanto Juwana"),
    ('"Kami siap," ujar Dr. Ir. H. Bambang Sutrisno, M.Si., di Bogor.', "Bambang Sutrisno"),
    ('"Data ini valid," kata dr. Ratna Dewi Lestari, M.Epid.', "Ratna Dewi Lestari"),
    ('"Itu keliru," tegas Kepala BPOM Penny K. Lukito.', "Penny K. Lukito"),
])
def test_titles_with_periods_and_degrees_are_not_the_speaker(text, speaker):
    q = extract(text, fast=True).quotes[0]
    assert q.speaker == speaker and q.confidence >= 0.9


def test_party_name_before_a_person_is_not_part_of_the_name():
    text = ("Presiden bertemu Ketua Umum Gerindra Prabowo Subianto di Istana Merdeka.\n"
            "Prabowo menyebut suasana pertemuan berlangsung akrab.")
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Prabowo Subianto"]


def test_one_word_name_after_an_organisation_acronym_ends_the_mention():
    text = "Deputi Bidang Meteorologi BMKG Guswanto menambahkan pihaknya memperbarui peringatan setiap tiga jam."
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Guswanto"]


def test_residents_of_a_place_are_an_unnamed_speaker_not_a_person_called_like_the_place():
    text = ('"Airnya naik," kata warga Cimahi, Dedi (45).\n'
            '"Kami takut tiap malam," ujar warga Tambaklorok.')
    assert [(q.speaker, q.speaker_type) for q in extract(text, fast=True).quotes] == [
        ("Dedi", "person"), ("warga Tambaklorok", "other")]


def test_club_and_sport_role_before_a_name_and_sang_refers_back():
    text = ("Pelatih Persib Bojan Hodak mengaku puas dengan permainan timnya.\n"
            "Gelandang Persib Marc Klok menyebut kemenangan ini untuk suporter.\n"
            "Sementara itu, pelatih Persija Thomas Doll enggan menyalahkan wasit.\n"
            '"Kami kalah karena kesalahan sendiri," ucap sang pelatih.')
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Bojan Hodak", "Marc Klok", "Thomas Doll"]


def test_content_after_melalui_and_bahwa_starts_after_bahwa():
    text = ("Artis Raffi Ahmad mengungkapkan melalui kanal YouTube-nya bahwa ia sudah menjadi "
            "suporter sejak kecil.")
    assert extract(text, fast=True).quotes[0].quote == "ia sudah menjadi suporter sejak kecil"


@pytest.mark.parametrize("text, speaker, mention", [
    ("Sugiyem (45), warga Desa Sukorejo, mengaku belum menerima bantuan.", "Sugiyem",
     "Sugiyem (45), warga Desa Sukorejo"),
    ("Saat ditemui di Balai Kota, Senin (3/6), Teguh Prakosa mengatakan anggaran sudah disiapkan.",
     "Teguh Prakosa", "Teguh Prakosa"),
])
def test_age_marks_the_name_and_a_leading_date_is_not_the_mention(text, speaker, mention):
    q = extract(text, fast=True).quotes[0]
    assert (q.speaker, q.speaker_mention) == (speaker, mention)


@pytest.mark.parametrize("text, speaker", [
    # the regency's name is cut when the article calls the regent by the rest ("Irwan", past "Mohamad")
    ("Gempa mengguncang Kabupaten Sigi, Minggu malam.\n"
     "Bupati Sigi Mohamad Irwan Lapatta meminta warga tetap tenang.\n"
     '"Belum ada laporan korban jiwa," ujar Irwan kepada wartawan.', "Mohamad Irwan Lapatta"),
    ("Bupati Banyuwangi Ipuk Fiestiandani mengatakan festival tetap digelar.\n"
     '"Semua sudah siap," kata Ipuk.', "Ipuk Fiestiandani"),
    # without such evidence a three-word name after a regional title stays whole
    ('"Kami siap," kata Gubernur Khofifah Indar Parawansa.', "Khofifah Indar Parawansa"),
])
def test_region_name_after_a_regional_title_is_cut_only_with_evidence(text, speaker):
    assert {q.speaker for q in extract(text, fast=True).quotes} == {speaker}


@pytest.mark.parametrize("text, speaker", [
    ("PT Pertamina Patra Niaga menambah pasokan BBM di jalur mudik.\n"
     "Corporate Secretary Pertamina Patra Niaga Irto Ginting mengatakan pasokan ditambah.\n"
     '"Kami siagakan 200 SPBU," kata Irto.', "Irto Ginting"),
    ('CEO Tokopedia William Tanuwijaya optimistis transaksi naik.\n"Puncaknya sebelum Natal," ujar William.',
     "William Tanuwijaya"),
    # a rank stands right before the person's own name: never cut, even if he is called "Sigit"
    ('Kapolri Jenderal Listyo Sigit Prabowo meninjau pos mudik.\n"Semua personel siaga," kata Sigit.',
     "Listyo Sigit Prabowo"),
])
def test_company_before_a_name_after_a_role_is_cut_but_never_after_a_rank(text, speaker):
    assert {q.speaker for q in extract(text, fast=True).quotes} == {speaker}


@pytest.mark.parametrize("mention, name", [
    ("Kapolres Metro Depok Kombes Arya Perdana", "Arya Perdana"),  # "perdana" of "perdana menteri"
    ("Perdana Menteri Malaysia Anwar Ibrahim", "Anwar Ibrahim"),
    ("Duta Besar Rusia Lyudmila Vorobieva", "Lyudmila Vorobieva"),
])
def test_word_of_a_longer_title_can_end_a_name(mention, name):
    from quotecli.speakers import parse_mention

    assert parse_mention(mention, 0, len(mention)).name == name


def test_speakers_title_leaves_out_the_academic_title_before_the_name():
    text = '"Sebagian besar sudah pulang," kata Direktur RSUD Bagas Waras dr. Ratna Kusumawati, M.Kes.'
    sp = extract(text, fast=True).speakers[0]
    assert (sp.name, sp.title) == ("Ratna Kusumawati", "Direktur RSUD Bagas Waras")


def test_short_name_shared_by_two_people_gets_a_low_confidence():
    text = ("Ketua DPR Budi Santoso hadir bersama Wakil Ketua DPR Agus Santoso.\n"
            '"Kami mendukung kerja sama ini," kata Santoso.\n'
            '"Kerja sama ini penting," ujar Agus Santoso.')
    first, second = extract(text, fast=True).quotes
    assert first.confidence < 0.5 <= second.confidence


def test_first_name_that_is_also_a_word_after_an_agency_acronym():
    text = ("Direktur Jenderal Penegakan Hukum KLHK Rasio Ridho Sani menyatakan pabrik itu melanggar aturan.\n"
            '"Kadar zat kimianya jauh di atas ambang batas," ucap Rasio.')
    assert {q.speaker for q in extract(text, fast=True).quotes} == {"Rasio Ridho Sani"}


def test_two_people_speaking_together_get_a_low_confidence_but_one_org_with_dan_does_not():
    joint = extract("Ketua DPR Puan Maharani dan Wakil Ketua DPR Sufmi Dasco Ahmad mengatakan RUU itu "
                    "akan dibahas bulan depan.", fast=True).quotes[0]
    single = extract("Direktur Perlindungan WNI dan Badan Hukum Kementerian Luar Negeri, Judha Nugraha, "
                     "mengatakan pihaknya terus memantau.", fast=True).quotes[0]
    assert joint.confidence < 0.5 <= single.confidence


def test_handle_in_an_intro_phrase_is_who_the_next_ia_means_and_cuit_is_a_cue():
    text = ('"Mari jaga persatuan," tulis @jokowi di akun Twitter-nya.\n'
            '"Laporkan gratifikasi," cuit akun @KPK_RI, Senin.\n'
            'Melalui akun Instagram @ridwankamil, ia menulis, "Terima kasih warga Jabar."')
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["@jokowi", "@KPK_RI", "@ridwankamil"]


@pytest.mark.parametrize("text, speaker", [
    ("Menteri Perhubungan Budi Karya Sumadi mengatakan jalur mudik sudah siap.", "Budi Karya Sumadi"),
    ("Menteri Kelautan dan Perikanan Sakti Wahyu Trenggono menyatakan ekspor benih lobster dilarang.",
     "Sakti Wahyu Trenggono"),
])
def test_ministry_portfolio_is_not_part_of_the_ministers_name(text, speaker):
    assert [q.speaker for q in extract(text, fast=True).quotes] == [speaker]


def test_name_after_an_anaphoric_description_and_a_comma_is_the_speaker():
    text = ('"Kami akan berantas narkoba," ungkap Kapolres Bogor yang baru dilantik itu, AKBP Rio Wibowo.\n'
            '"Semua harus patuh," tandas Kapolres.')
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Rio Wibowo", "Rio Wibowo"]


@pytest.mark.parametrize("text, speaker", [
    ("Manajer Raisa, Adryanto Pratono, membenarkan kabar itu.\n"
     '"Mereka sedang fokus mengurus anak," kata Boim, sapaan akrab Adryanto.', "Adryanto Pratono"),
    ("Gubernur Jawa Barat Ridwan Kamil yang akrab disapa Kang Emil meresmikan jembatan.\n"
     '"Jembatan ini penting," kata Kang Emil.', "Ridwan Kamil"),
    # regressions: "atau biasa disapa", and a nickname joined by a double dash
    ('Penyanyi Ratna Sari atau biasa disapa Nana membenarkan kabar itu.\n"Kami masih berteman," kata Nana.',
     "Ratna Sari"),
    ('Jojo--sapaan Joni Kristanto sempat tampil kurang meyakinkan.\n"Angin sangat kencang," ujar Jojo.',
     "Joni Kristanto"),
    # a two-word short form in brackets stands for the long form (regression)
    ('Kementerian Luar Negeri Republik Indonesia (Kemlu RI) memastikan tidak ada korban.\n'
     '"Kami terus berkoordinasi," terang Kemlu RI.', "Kementerian Luar Negeri Republik Indonesia"),
])
def test_nickname_resolves_to_the_full_name(text, speaker):
    assert extract(text, fast=True).quotes[-1].speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Kementerian Komunikasi dan Informatika (Kominfo) memblokir ribuan situs.\n"
     "Direktur Jenderal Aplikasi Informatika Kominfo Semuel Abrijani Pangerapan menyebut jumlah itu naik.",
     "Semuel Abrijani Pangerapan"),
    ("Kementerian Pemuda dan Olahraga (Kemenpora) menggelar lomba.\n"
     "Deputi Kemenpora Raden Isnanta mengatakan lomba diikuti 500 peserta.", "Raden Isnanta"),
])
def test_agency_short_form_spelled_out_earlier_is_not_part_of_the_name(text, speaker):
    assert [q.speaker for q in extract(text, fast=True).quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("Anggota DPR dapil Sulsel I Andi Iwan Darmawan Aras meminta pemerintah memperhatikan ganti rugi lahan.",
     "Andi Iwan Darmawan Aras"),  # "Sulsel I": the electoral district's number
    ('"Kami siap," kata Gubernur Bali I Wayan Koster.', "I Wayan Koster"),  # the Balinese "I" stays
])
def test_roman_numeral_after_a_place_is_not_a_name_but_balinese_i_is(text, speaker):
    assert [q.speaker for q in extract(text, fast=True).quotes] == [speaker]


def test_place_named_with_kabupaten_earlier_is_cut_from_the_front_of_a_name():
    text = ("Banjir bandang menerjang tiga nagari di Kabupaten Agam, Sabtu malam.\n"
            "Kepala Pelaksana BPBD Agam Budi Perwira Negara menuturkan sedikitnya 12 rumah hanyut.")
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Budi Perwira Negara"]


@pytest.mark.parametrize("text, speaker", [
    # a short form that begins a longer name of the article
    ("Wakil Ketua KPK Alexander Marwata mengungkapkan uang itu telah disita.\n"
     '"Uang itu ditemukan di dalam mobil," ungkap Alex.', "Alexander Marwata"),
    # a form of address is not part of the name
    ("Menteri PUPR Basuki Hadimuljono meninjau bendungan.\n"
     '"Pak Basuki sudah datang," kata warga.\n"Bendungan ini siap," kata Basuki.', "Basuki Hadimuljono"),
    ("Pelatih Shin Tae-yong memuji pemainnya.\n"
     '"Kontrak Coach Shin sampai 2027," kata Erick.\n"Kami kecewa," kata Shin.', "Shin Tae-yong"),
    # a familiar form of address stays in a nickname but is the same person
    ("Gubernur Ridwan Kamil meninjau banjir.\n"
     '"Kang Ridwan datang," kata warga.\n"Kami bantu," kata Ridwan.', "Ridwan Kamil"),
    # "X, sapaan akrabnya": the nickname of the person just named
    ("Menurut pengamat sepak bola Tommy Welly, peluang masih terbuka.\n"
     "Bung Towel, sapaan akrabnya, menyebut tiga laga tersisa akan menentukan.", "Tommy Welly"),
])
def test_short_forms_and_forms_of_address_resolve_to_the_full_name(text, speaker):
    q = extract(text, fast=True).quotes[-1]
    assert q.speaker == speaker and q.confidence >= 0.5


def test_short_form_that_begins_two_names_stays_unresolved():
    text = ("Alexander Marwata dan Alexandra Dewi hadir.\n"
            '"Kami siap," kata Alex.')
    assert extract(text, fast=True).quotes[-1].speaker == "Alex"


@pytest.mark.parametrize("text, speaker", [
    ("Juru bicara Kemlu Qatar, Majed al-Ansari, mengatakan sandera akan dibebaskan.\n"
     '"Kami berharap," kata al-Ansari.', "Majed al-Ansari"),
    # "bin" is inside the name, not the intelligence agency BIN
    ("Putra Mahkota Mohammed bin Salman mengatakan reformasi berlanjut.\n"
     '"Kami siap," kata Mohammed.', "Mohammed bin Salman"),
    ("Pelatih Giovanni van Bronckhorst mengatakan timnya siap.\n"
     '"Kami siap," kata Van Bronckhorst.', "Giovanni van Bronckhorst"),
])
def test_names_with_particles_resolve_to_the_full_name(text, speaker):
    for fast in (True, False):
        assert {q.speaker for q in extract(text, fast=fast).quotes} == {speaker}


def test_subject_after_an_intro_phrase_is_who_the_next_nya_means():
    text = ('"Datanya lengkap," kata seorang peneliti yang enggan disebut namanya.\n'
            "Saat dihubungi, humas rumah sakit hanya menjawab singkat. \"Nanti kami kabari,\" ujarnya.")
    assert extract(text, fast=True).quotes[-1].speaker == "humas rumah sakit"


def test_subject_of_reported_content_is_not_who_the_next_nya_means():
    text = ("Wali Kota Palembang Harnojoyo menolak rencana relokasi pedagang.\n"
            'Menurut dia, sebagian besar pedagang menggantungkan hidup dari pembeli. "Itu sama saja '
            'membunuh usaha mereka," ucapnya.')
    assert [q.speaker for q in extract(text, fast=True).quotes][-1] == "Harnojoyo"


@pytest.mark.parametrize("text, speaker", [
    ("Presiden Joko Widodo memastikan tidak ada reshuffle.\n\"Belum ada,\" ujar Jokowi.", "Joko Widodo"),
    ("Ketua MPR Zulkifli Hasan hadir.\n\"Kami siap,\" kata Zulhas.", "Zulkifli Hasan"),
    ("Mantan Presiden Susilo Bambang Yudhoyono hadir.\n\"Saya mendukung,\" kata SBY.", "Susilo Bambang Yudhoyono"),
    # two names with the same initials: no guess
    ("Wakil Presiden Jusuf Kalla hadir bersama Joko Kalla.\n\"Kami siap,\" kata JK.", "JK"),
    # a whole first name is not a contraction of another name
    ("Budiman Sudjatmiko dan Budi Manurung hadir.\n\"Kami siap,\" kata Budiman.", "Budiman Sudjatmiko"),
    # an acronym spelled out as an organisation stays the organisation
    ("Kepala Badan Nasional Penanggulangan Bencana (BNPB) Suharyanto hadir.\n\"Kami siap,\" kata BNPB.",
     "Badan Nasional Penanggulangan Bencana"),
])
def test_contracted_names_and_initials_resolve_to_the_one_person_they_shorten(text, speaker):
    for fast in (True, False):
        assert extract(text, fast=fast).quotes[-1].speaker == speaker


def test_headline_words_are_not_part_of_a_name():
    text = ("Raffi Ahmad Ungkap Alasan Pindah ke Bali\n\n"
            "Presenter Raffi Ahmad mengungkapkan keluarganya butuh suasana tenang.\n"
            '"Di Jakarta terlalu padat," kata Raffi.')
    for fast in (True, False):
        assert {q.speaker for q in extract(text, fast=fast).quotes} == {"Raffi Ahmad"}


def test_a_name_resolved_from_its_spelling_alone_is_less_sure_than_a_surname():
    guessed = extract("Wakil Ketua KPK Alexander Marwata hadir.\n\"Uang disita,\" ungkap Alex.", fast=True)
    surname = extract("Wakil Ketua KPK Alexander Marwata hadir.\n\"Uang disita,\" ungkap Marwata.", fast=True)
    assert guessed.quotes[0].speaker == surname.quotes[0].speaker == "Alexander Marwata"
    assert 0.5 <= guessed.quotes[0].confidence < surname.quotes[0].confidence


def test_a_generic_description_can_mean_the_last_unnamed_speaker():
    text = ("Kapolsek Pasar Minggu Kompol Bambang Handoko mengatakan enam pelajar diamankan.\n"
            "Seorang pedagang kaki lima yang berjualan di lokasi mengaku sempat panik. \"Saya langsung tutup "
            'lapak," ujar pria yang enggan disebut namanya itu.')
    assert extract(text, fast=True).quotes[-1].speaker == "Seorang pedagang kaki lima"


def test_a_person_described_by_sight_is_not_the_last_named_speaker():
    text = ('Kepala Satpol PP, M. Fikser, mengatakan penertiban dilakukan. "Kami sudah memberi kesempatan," '
            "ujarnya.\nPenertiban diwarnai adu mulut dengan salah satu pemilik usaha. Pria berkaus hitam itu "
            'menolak reklamenya dibongkar.\n"Izinnya sedang diproses, kenapa dibongkar?" protesnya.')
    last = extract(text, fast=True).quotes[-1]
    assert last.cue == "protesnya" and last.speaker != "Fikser" and "Pria" in last.speaker


def test_an_initial_before_a_name_is_part_of_it_but_haji_is_not():
    text = ('Kepala Satpol PP, M. Fikser, mengatakan penertiban dilakukan.\n"Kami tegas," kata Fikser.\n'
            '"Warga kompak," kata Ketua RT 07, H. Asep Saefullah.')
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["M. Fikser", "M. Fikser", "Asep Saefullah"]


def test_a_headline_name_without_a_title_adds_no_name():
    text = ("Jokowi Resmikan Bendungan Sepaku Semoi\n\n"
            "Presiden Joko Widodo meresmikan Bendungan Sepaku Semoi, Kamis.\n"
            'Dalam sambutannya, Jokowi berkata: "Bendungan ini memasok air baku untuk Nusantara."')
    for fast in (True, False):
        assert [q.speaker for q in extract(text, fast=fast).quotes][-1] == "Joko Widodo"


def test_the_agent_of_a_passive_is_who_a_following_description_means():
    text = ('Pelatih Persib Bojan Hodak mengaku puas. "Pemain bermain dengan hati," kata Bojan.\n'
            "Gol kemenangan dicetak David da Silva pada menit ke-78. Penyerang asal Brasil tersebut mengaku "
            "gol itu dipersembahkan untuk keluarganya.")
    assert extract(text, fast=True).quotes[-1].speaker == "David da Silva"


def test_a_letter_alone_is_no_name():
    text = ("Anggota Komisi D DPRD DKI dari Fraksi PSI, Justin Adrian, sependapat. Ia meminta Inspektorat "
            "mengaudit seluruh proyek tersebut.")
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Justin Adrian"]


@pytest.mark.parametrize("text, speaker", [
    ('"Yogya ini rumah bersama," ujar Sri Sultan Hamengku Buwono X.', "Hamengku Buwono X"),
    ("Wakil Rektor II USU, Prof. Dr. Ir. Sumono, MS, menyatakan kampus akan mengkaji ulang besaran UKT.",
     "Sumono"),
])
def test_a_regnal_number_ends_a_name_but_a_vice_rectors_number_is_not_a_name(text, speaker):
    assert [q.speaker for q in extract(text, fast=True).quotes][-1].endswith(speaker)


def test_a_regional_company_is_an_organisation():
    text = "Perumda Pasar Jaya menyatakan pedagang akan direlokasi sementara."
    assert [(q.speaker, q.speaker_type) for q in extract(text, fast=True).quotes] == [
        ("Perumda Pasar Jaya", "organisation")]


@pytest.mark.parametrize("mention, kind, name", [
    # a body's long form in dictionary words, then its acronym: the body (not a person "Geologi")
    ("Survei Geologi Amerika Serikat (USGS)", "organisation", "USGS"),
    ("Apalagi Jaksa Penuntut Umum (JPU)", "organisation", "JPU"),
    ("Agus Harimurti Yudhoyono (AHY)", "name", "Agus Harimurti Yudhoyono"),  # a name and its initials
    # a company's legal form in brackets is part of its name
    ("PT Pertamina (Persero)", "organisation", "PT Pertamina (Persero)"),
    # a short form of two words, the second an acronym (regression: the brackets were in the name)
    ("Kementerian Luar Negeri Republik Indonesia (Kemlu RI)", "organisation", "Kemlu RI"),
    # a name, then the role in lower case
    ("Rosul anggota Panwaslu Sidoarjo", "name", "Rosul"),
    ("Budi Santoso warga Desa Sukamaju", "name", "Budi Santoso"),
    # a bracketed acronym, a pair of candidates, then the person after a comma
    ("Juru Bicara Tim Pemenangan Nasional (TPN) Andi-Budi, Citra Lestari", "name", "Citra Lestari"),
    ("Kepala Badan Nasional (BN) Suharyanto", "name", "Suharyanto"),
    # a body described in lower case, with its place: the body, not the place
    ("Kantor media pemerintah di Gaza", "organisation", "Kantor media pemerintah di Gaza"),
    ("warga di Denpasar, Ketut Sudana", "name", "Ketut Sudana"),
    # a name, then after a comma the office it holds in a company
    ("Rina Hartati, founder dan CEO PT Kopi Nusantara Raya", "name", "Rina Hartati"),
])
def test_mention_reading(mention, kind, name):
    from quotecli.speakers import parse_mention

    m = parse_mention(mention, 0, len(mention))
    assert (m.kind, m.name) == (kind, name)


def test_a_body_named_in_dictionary_words_keeps_its_long_form():
    text = ('Survei Geologi Negeri Seberang (SGNS) mengatakan gempa terjadi pada kedalaman 10 km.\n'
            '"Tidak ada peringatan tsunami," demikian pernyataan SGNS.')
    assert {q.speaker for q in extract(text, fast=True).quotes} == {"Survei Geologi Negeri Seberang"}


def test_a_title_case_photo_caption_does_not_lengthen_a_name():
    text = ("Dinas Perhubungan Bantah Tutup Jalan\n"
            "Budi Santoso Bantah Tutup Jalan Raya Sukamaju di depan balai desa. - Dok. warga\n"
            "Kepala Dinas Perhubungan Budi Santoso mengatakan jalan itu tetap dibuka untuk warga.\n"
            '"Kami hanya memperbaiki trotoar," kata Budi.')
    assert {q.speaker for q in extract(text, fast=True).quotes} == {"Budi Santoso"}


@pytest.mark.parametrize("passive, speaker", [
    ("Hal senada dikatakan salah satu perempuan nelayan dari Pulau Sangiang, Rusmini.", "Rusmini"),
    ("Pernyataan serupa juga disampaikan oleh Direktur Utama PT Sinar Laut, Hendra Gunawan.", "Hendra Gunawan"),
    ("Hal serupa diungkapkan Ketua Koperasi Nelayan Andi Saputra.", "Andi Saputra"),
])
def test_the_agent_of_a_passive_verb_of_saying_is_who_the_next_pronoun_means(passive, speaker):
    text = ("Ketua RW Budi Santoso membuka rapat warga pada Minggu pagi. "
            f"{passive} Dia mengatakan, tambang pasir itu merugikan nelayan.")
    assert extract(text, fast=True).quotes[-1].speaker == speaker


def test_a_pair_joined_by_a_dash_is_no_ones_fuller_name():
    text = ("Ketegangan China-Jepang meningkat sejak pekan lalu.\n"
            "China meminta Jepang menahan diri dalam sengketa pulau itu.")
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["China"]


def test_a_short_title_finds_its_holder_past_an_honorific():
    text = ("Menurut Pj Kepala Desa (Kades) Sukamaju H. Darmawan Saputra, mobil desa hilang dini hari.\n"
            "Masih dikatakan oleh Pak Kades, penjaga balai desa sedang sakit saat itu.")
    assert [q.speaker for q in extract(text, fast=True).quotes][-1].endswith("Darmawan Saputra")


def test_pihak_at_the_start_of_a_sentence_is_not_part_of_the_organisation():
    text = "Harga beras naik di pasar.\nPihak Kementan menyatakan stok beras aman hingga akhir tahun."
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Kementan"]


@pytest.mark.parametrize("text, speaker", [
    ("Manajemen PT Sinar Laut Abadi Tbk membenarkan kabar itu.\n"
     "Sinar Laut menyatakan bahwa perusahaan akan membayar pesangon kepada semua karyawan.",
     "PT Sinar Laut Abadi Tbk"),
    ("PT Bumi Hijau Lestari membuka pabrik baru.\nBumi Hijau mengatakan bahwa harga akan naik.",
     "PT Bumi Hijau Lestari"),
    ("CV Karya Mandiri (Persero) digugat warga.\nKarya Mandiri menyatakan bahwa gugatan itu tidak berdasar.",
     "CV Karya Mandiri (Persero)"),
])
def test_a_company_called_short_is_its_full_name_with_pt_and_legal_form(text, speaker):
    """GUIDE.md's fullest name of a company keeps 'PT' and 'Tbk'; it is an organisation, not a person."""
    q = extract(text, fast=True).quotes[0]
    assert (q.speaker, q.speaker_type) == (speaker, "organisation")


@pytest.mark.parametrize("text, speaker", [
    ("Ketua Persatuan Guru Republik Indonesia (PGRI) Jawa Tengah, Muhdi, menyatakan banyak guru honorer belum "
     "menerima upah layak.", "Muhdi"),
    ("Direktur Lembaga Bantuan Hukum Kota Padang, Indira, mengatakan bahwa laporan itu sudah diterima.", "Indira"),
    # two commas: a list, not an apposition ("Menteri Kehakiman Jerman, Heiko Maas" keeps its two-word run)
    ("Menteri Kehakiman Jerman, Heiko Maas, mengatakan bahwa undang-undang itu segera disahkan.", "Heiko Maas"),
])
def test_a_one_word_name_set_off_after_a_long_title_is_the_speaker(text, speaker):
    assert [q.speaker for q in extract(text, fast=True).quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("PGRI Jawa Tengah berharap pemerintah serius menunjukkan komitmen.\n"
     "Pihaknya menganggap pemerintah masih membiarkan guru honorer digaji seadanya.", "PGRI Jawa Tengah"),
    ('"Kami datang memperjelas kasusnya," ujar Nella kepada wartawan.\n'
     "Sebagaimana diketahui, SL ditahan polisi beberapa hari lalu.\n"
     "Olehnya itu, pihaknya berharap polisi dapat mengusut tuntas kasus tersebut.", "Nella"),
])
def test_pihaknya_is_the_side_of_who_spoke_last(text, speaker):
    """"Pihaknya" (his side) is the body or person of the last quote, not the last person named."""
    assert extract(text, fast=True).quotes[-1].speaker == speaker


@pytest.mark.parametrize("text, speaker, stype", [
    ("Pusdalops BNPB menyatakan tanah longsor terjadi setelah hujan deras.", "Pusdalops BNPB", "organisation"),
    # a two-letter acronym can end a person's name: still a person
    ("Mahfud MD menyatakan bahwa pemerintah akan bertindak tegas.", "Mahfud", "person"),
])
def test_one_word_before_an_organisations_acronym_is_its_unit(text, speaker, stype):
    q = extract(text, fast=True).quotes[0]
    assert q.speaker is not None and q.speaker.startswith(speaker) and q.speaker_type == stype


@pytest.mark.parametrize("intro", ["Tak hanya pelatih Argentina", "Tidak lama kemudian", "Bukan hanya pemain"])
def test_a_negated_intro_phrase_is_not_the_sentence_subject(intro):
    """"Tak hanya pelatih Argentina, pelatih Timnas Indonesia X cukup puas": X is the subject a later
    description ("pria Korea Selatan itu") means."""
    text = ('"Teruskan performa baik ini," lanjut pelatih Argentina Lionel Scaloni.\n'
            f"{intro}, pelatih Timnas Indonesia Shin Tae-yong cukup puas dengan kinerja anak asuhnya.\n"
            '"Pemain Indonesia tidak kalah jauh," kata pria Korea Selatan itu.')
    assert extract(text, fast=True).quotes[-1].speaker == "Shin Tae-yong"
