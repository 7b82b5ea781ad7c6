"""Attribution patterns, sentence by sentence, in fast (rules-only) mode: what a reader expects."""
from __future__ import annotations

import pytest

from quotecli import extract


def quotes(text: str):
    return extract(text, fast=True).quotes


def only(text: str):
    qs = [q for q in quotes(text) if q.type != "indirect"]
    assert len(qs) == 1, [q.quote for q in qs]
    return qs[0]


@pytest.mark.parametrize("text, words, speaker, cue", [
    ('"Harga naik lagi," kata Menteri Perdagangan Zulkifli Hasan.', "Harga naik lagi,", "Zulkifli Hasan", "kata"),
    ('“Kami siap,” ujar Ketua KPU Hasyim Asyari di Jakarta.', "Kami siap,", "Hasyim Asyari", "ujar"),
    ('„Kami tidak takut,“ tegas aktivis Haris Azhar.', "Kami tidak takut,", "Haris Azhar", "tegas"),
    ('«Semua aman,» sebut Kapolres Bogor AKBP Susatyo Purnomo.', "Semua aman,", "Susatyo Purnomo", "sebut"),
    ('"Kami tunggu hasilnya," kata Gubernur Jawa Tengah Ganjar Pranowo terpisah.', "Kami tunggu hasilnya,",
     "Ganjar Pranowo", "kata"),
    ('"Sudah diperbaiki," tutur warga, Budi Santoso, melalui telepon.', "Sudah diperbaiki,", "Budi Santoso", "tutur"),
    ('"Itu keputusan terbaik," kata juru bicara Kremlin, Dmitry Peskov, kepada wartawan.',
     "Itu keputusan terbaik,", "Dmitry Peskov", "kata"),
    ('"Data itu keliru," demikian pernyataan resmi Kementerian Kesehatan.', "Data itu keliru,",
     "Kementerian Kesehatan", "demikian pernyataan resmi"),
    ('"Jalan ditutup sementara," Kapolda Metro Jaya Irjen Karyoto menegaskan.', "Jalan ditutup sementara,",
     "Karyoto", "menegaskan"),
    ('Menteri Keuangan Sri Mulyani mengatakan, "Defisit tetap di bawah tiga persen."',
     "Defisit tetap di bawah tiga persen.", "Sri Mulyani", "mengatakan"),
    ('"Saya tidak tahu apa-apa," ucap seorang pedagang.', "Saya tidak tahu apa-apa,", "seorang pedagang", "ucap"),
    ('"Kami menolak rencana itu," tulis @wargabersatu.', "Kami menolak rencana itu,", "@wargabersatu", "tulis"),
])
def test_direct_quote_after_and_before_cues(text, words, speaker, cue):
    q = only(text)
    assert (q.quote, q.speaker, q.cue) == (words, speaker, cue)
    assert text[q.start:q.end] == q.quote


def test_nya_cue_resolves_to_previous_speaker_and_via():
    text = ('Juru bicara Polri, Irjen Sandi Nugroho, membenarkan penangkapan itu.\n'
            '"Tersangka sudah kami periksa," ucapnya seperti dikutip Antara.')
    q = only(text)
    assert q.speaker == "Sandi Nugroho" and q.cue == "ucapnya" and q.via == "Antara"


def test_quote_interrupted_by_its_cue_gives_two_quotes_one_speaker():
    text = '"Ini langkah awal," kata Wali Kota Bandung Yana Mulyana. "Program berikutnya menyusul tahun depan."'
    qs = quotes(text)
    assert [q.quote for q in qs] == ["Ini langkah awal,", "Program berikutnya menyusul tahun depan."]
    assert {q.speaker for q in qs} == {"Yana Mulyana"}


def test_quote_reopened_at_each_paragraph_is_one_quote_per_paragraph():
    text = ('"Pertama, kami akan memeriksa semua saksi.\n'
            '"Kedua, kami akan meminta keterangan ahli.\n'
            '"Ketiga, hasilnya akan diumumkan," kata Kepala Kejaksaan Negeri Surabaya Ajie Prasetya.')
    qs = quotes(text)
    assert len(qs) == 3 and all(q.type == "direct" for q in qs)
    assert {q.speaker for q in qs} == {"Ajie Prasetya"}
    assert qs[0].quote == "Pertama, kami akan memeriksa semua saksi."


@pytest.mark.parametrize("text", [
    'Istilah "mudik" berasal dari bahasa Jawa.',
    "Film 'Satu Malam' tayang di bioskop pekan ini.",
    'Pengguna bisa menyembunyikan status "Online" di aplikasi itu.',
    'Ia dikenal dengan julukan "Si Kancil" sejak kecil.',
])
def test_scare_quotes_titles_and_terms_are_not_quotes(text):
    assert quotes(text) == []


def test_noise_lines_never_enter_quotes_or_speakers():
    text = ('"Kami terus memantau situasi," kata Kepala BMKG Dwikorita Karnawati.\n'
            'BACA JUGA: Gempa Guncang Sukabumi, Warga Panik\n'
            'ADVERTISEMENT\n'
            '"Masyarakat diminta tetap tenang," ujarnya.')
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Dwikorita Karnawati", "Dwikorita Karnawati"]
    for q in qs:
        assert "BACA" not in q.quote and "ADVERTISEMENT" not in q.quote


@pytest.mark.parametrize("text, content, speaker, cue", [
    ("Menteri Agama Nasaruddin Umar mengatakan bahwa jadwal haji tidak berubah.",
     "jadwal haji tidak berubah", "Nasaruddin Umar", "mengatakan"),
    ("Menurut Kepala Dinas Kesehatan DKI Ani Ruspitawati, kasus demam berdarah meningkat tajam.",
     "kasus demam berdarah meningkat tajam", "Ani Ruspitawati", "Menurut"),
    ("Polisi meminta warga untuk tidak menyebarkan video itu.",
     "warga untuk tidak menyebarkan video itu", "Polisi", "meminta"),
])
def test_reported_speech_is_indirect(text, content, speaker, cue):
    qs = [q for q in quotes(text) if q.type == "indirect"]
    assert len(qs) == 1
    assert (qs[0].quote, qs[0].speaker, qs[0].cue) == (content, speaker, cue)


def test_pronoun_and_menurutnya_resolve_to_the_subject_of_the_article():
    text = ("Ekonom senior Faisal Basri menilai inflasi masih terkendali.\n"
            "Menurutnya, harga pangan akan turun setelah panen raya.\n"
            "Ia juga mengatakan bahwa suku bunga tidak perlu dinaikkan.")
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Faisal Basri"] * 3
    assert [q.type for q in qs] == ["indirect"] * 3


def test_quoted_fragment_inside_reported_speech_is_mixed():
    text = 'Presiden Prabowo Subianto mengatakan anggaran harus "efisien dan tepat sasaran" untuk semua kementerian.'
    qs = quotes(text)
    mixed = [q for q in qs if q.type == "mixed"]
    assert [q.quote for q in mixed] == ["efisien dan tepat sasaran"]
    assert mixed[0].speaker == "Prabowo Subianto"


def test_negated_verb_of_saying_is_not_reported_speech():
    assert quotes("Menteri itu tidak mengatakan bahwa harga akan naik.") == []


def test_inserted_cue_gives_reported_clause():
    text = ('Menteri PPN Rachmat Pambudy hadir dalam rapat itu.\n'
            'Dengan anggaran baru, lanjut dia, pembangunan jalan desa bisa dipercepat.')
    qs = quotes(text)
    assert [(q.type, q.speaker, q.cue) for q in qs] == [("indirect", "Rachmat Pambudy", "lanjut dia")]
    # GUIDE.md: a cue inserted inside reported speech quotes the whole sentence, the cue included
    assert qs[0].quote == "Dengan anggaran baru, lanjut dia, pembangunan jalan desa bisa dipercepat"


# ---- regressions --------------------------------------------------------------------------------

def test_body_paragraph_after_bare_baca_juga_marker_is_kept():
    text = ("BACA JUGA:\n"
            "Sebelumnya, kuasa hukum korban, Yudi Prasetyo mengungkap bahwa kliennya sudah tiga kali dipanggil polisi.")
    qs = quotes(text)
    assert [(q.type, q.speaker) for q in qs] == [("indirect", "Yudi Prasetyo")]


def test_a_long_prose_line_that_lost_its_final_period_is_body():
    text = ("Banjir Rendam Tiga Kecamatan\n"
            "Kepala pelaksana BPBD Budi Hartono mengatakan hingga pukul 10.00 pagi banjir masih menggenangi "
            "tiga kecamatan dengan tinggi air mulai 10 cm sampai 1,4 meter\n")
    assert [(q.type, q.speaker) for q in quotes(text)] == [("indirect", "Budi Hartono")]


def test_related_headline_after_bare_marker_is_noise():
    text = ('"Kami siap bertanding," kata pelatih Timnas Patrick Kluivert.\n'
            "Baca Juga:\n"
            "Kluivert Sebut Timnas Siap Hadapi Jepang, Ini Kata Dia\n"
            '"Semua pemain dalam kondisi bugar," ujarnya.')
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Patrick Kluivert", "Patrick Kluivert"]


def test_intro_adverb_without_comma_keeps_the_subject():
    qs = quotes("Namun Hendra mengaku tidak mengenal pelaku penipuan itu.")
    assert [(q.speaker, q.quote) for q in qs] == [("Hendra", "tidak mengenal pelaku penipuan itu")]


def test_relative_clause_description_with_itu_is_an_anaphor():
    text = ('"Airnya naik cepat sekali," ungkap Sutrisno.\n'
            "Pria yang akrab disapa Pak Tris itu menyebut, banjir serupa pernah terjadi tahun lalu.")
    assert [q.speaker for q in quotes(text)] == ["Sutrisno", "Sutrisno"]


def test_person_introduced_with_bernama_is_salient():
    text = ("Kisah serupa dialami seorang warga bernama Rudi Hartono.\n"
            "Diceritakannya, saat itu ia sedang tidur ketika api membesar di dapur tetangga.")
    qs = quotes(text)
    assert [(q.speaker, q.cue) for q in qs] == [("Rudi Hartono", "Diceritakannya")]


def test_speech_verb_takes_content_without_a_verb_up_front():
    q = quotes("Ekonom senior Tauhid Ahmad mengatakan dengan inflasi setinggi itu daya beli akan turun.")[0]
    assert q.quote.startswith("dengan inflasi") and q.speaker == "Tauhid Ahmad"


def test_initial_inside_a_name_is_part_of_it():
    text = ('Atase pers kedutaan, John E. Johnson, hadir.\n"Kami tidak berkomentar," kata John.')
    assert quotes(text)[0].speaker == "John E. Johnson"


def test_capitalised_place_is_not_a_predicate():
    text = "Dalam kunjungan itu, ia mengumumkan utusan khusus untuk Timur Tengah, Afghanistan dan Pakistan."
    assert quotes(text) == []


def test_organisation_subject_is_not_expanded_into_a_titled_person():
    text = ("Dinas Pendidikan Jawa Barat memastikan seleksi siswa baru digelar secara daring.\n"
            '"Tidak ada jalur titipan," kata Kepala Dinas Pendidikan Jawa Barat Dedi Supandi.')
    assert [q.speaker for q in quotes(text)] == ["Dinas Pendidikan Jawa Barat", "Dedi Supandi"]


def test_pihak_and_a_long_form_with_dan():
    text = ("Dinas Penanggulangan Kebakaran dan Penyelamatan (Gulkarmat) menurunkan 25 unit.\n"
            "Pihak Gulkarmat menyebut api padam setelah empat jam.")
    q = quotes(text)[0]
    assert q.speaker == "Dinas Penanggulangan Kebakaran dan Penyelamatan" and q.speaker_type == "organisation"


def test_opinion_verb_takes_a_clause_without_a_prefixed_verb():
    q = quotes("Pelatih Timnas Indonesia Patrick Kluivert mengakui timnya kalah kelas dari Jepang.")[0]
    assert (q.speaker, q.quote) == ("Patrick Kluivert", "timnya kalah kelas dari Jepang")


def test_relative_clause_after_the_subject_is_not_negation():
    q = quotes("Sumber internal PSSI yang enggan disebut namanya mengungkapkan pelatih tidak diganti.")[0]
    assert (q.speaker, q.cue) == ("Sumber internal PSSI", "mengungkapkan")


def test_quote_inside_a_quote_stays_part_of_the_outer_quote():
    text = '"Dia bilang \'kami siap bertanding\' kemarin sore," kata manajer tim, Yoyok Sukawi.'
    q = only(text)
    assert q.quote == "Dia bilang 'kami siap bertanding' kemarin sore," and q.speaker == "Yoyok Sukawi"


@pytest.mark.parametrize("text", [
    '“Harga pangan stabil," kata pejabat Bapanas, Arief Prasetyo Adi.',  # curly open, straight close
    '"Harga pangan stabil,” kata pejabat Bapanas, Arief Prasetyo Adi.',  # straight open, curly close
    '”Harga pangan stabil,” kata pejabat Bapanas, Arief Prasetyo Adi.',  # closing glyph used to open
])
def test_mismatched_quotation_marks_still_pair(text):
    q = only(text)
    assert q.quote == "Harga pangan stabil," and q.speaker == "Arief Prasetyo Adi"


def test_unclosed_quote_does_not_swallow_the_next_paragraph_speaker():
    text = ('"Kami akan terus berjuang untuk warga desa ini\n'
            'Warga desa Sukamaju menolak rencana tambang.\n'
            '"Tambang merusak sawah kami," kata kepala desa, Darmaji.')
    qs = quotes(text)
    assert qs[-1].quote == "Tambang merusak sawah kami," and qs[-1].speaker == "Darmaji"


@pytest.mark.parametrize("relay, via", [("seperti dilansir Reuters", "Reuters"),
                                        ("dikutip dari BBC Indonesia", "BBC Indonesia"),
                                        ("mengutip Al Jazeera", "Al Jazeera")])
def test_relay_fills_via(relay, via):
    q = only(f'"Gencatan senjata harus dihormati," kata Sekjen PBB Antonio Guterres {relay}.')
    assert q.via == via and q.speaker == "Antonio Guterres"


def test_relay_clause_is_cut_from_reported_speech_and_fills_via():
    text = "Menlu Sugiono menegaskan Indonesia menolak relokasi warga Gaza, dikutip dari Antara, Senin (3/2)."
    q = quotes(text)[0]
    assert q.quote == "Indonesia menolak relokasi warga Gaza" and q.via == "Antara"


def test_two_word_reported_clause_counts():
    q = quotes("Kuasa hukum tersangka, Hendra Wijaya, membantah kliennya menipu.")[0]
    assert (q.speaker, q.quote) == ("Hendra Wijaya", "kliennya menipu")


def test_reported_clause_starts_after_bahwa_when_the_verb_has_adjuncts():
    q = quotes("Jaksa Agung mengatakan kepada wartawan di Jakarta, Senin, bahwa kasus itu segera disidangkan.")[0]
    assert q.quote == "kasus itu segera disidangkan"


def test_sentence_ending_in_a_cue_is_reported_speech():
    text = "Polisi masih menyelidiki motif pelaku, kata Kapolres Bogor AKBP Rio Wahyu Anggoro."
    q = quotes(text)[0]
    assert (q.type, q.quote, q.speaker) == ("indirect", "Polisi masih menyelidiki motif pelaku", "Rio Wahyu Anggoro")


def test_title_in_quotes_followed_by_a_verb_is_not_a_quote():
    assert quotes('Film "Agak Laen" ditonton lebih dari sembilan juta orang di bioskop.') == []


def test_single_quotation_marks_as_speech_marks():
    q = only("‘Kami siap,’ kata Menteri Pertahanan Sjafrie Sjamsoeddin.")
    assert (q.quote, q.speaker) == ("Kami siap,", "Sjafrie Sjamsoeddin")


@pytest.mark.parametrize("noise", ["[Gambas:Video CNN]", "(Baca juga: Banjir Rendam Bekasi, Ribuan Warga Mengungsi)",
                                   'Simak Video "Detik-detik Tanggul Jebol"', "Artikel ini telah tayang di Kompas.com"])
def test_site_furniture_lines_are_skipped(noise):
    text = f'"Air sudah surut," kata Lurah Kampung Melayu, Setiawan.\n{noise}\n"Warga mulai pulang," ujarnya.'
    qs = quotes(text)
    assert [q.quote for q in qs] == ["Air sudah surut,", "Warga mulai pulang,"]
    assert {q.speaker for q in qs} == {"Setiawan"}


@pytest.mark.parametrize("text", ["Ia menyebut nama Budi.", "Juri menilai penampilan peserta."])
def test_verb_of_saying_with_a_short_noun_phrase_is_not_speech(text):
    assert quotes(text) == []


@pytest.mark.parametrize("text", ['kata kata kata " " Menurut', "Menurut", "Menurut keterangan", 'Diakui', '"', "kata"])
def test_cue_words_at_the_very_end_do_not_crash(text):
    assert isinstance(quotes(text), list)  # found by the fuzz test: "Menurut" as the last word


def test_paragraph_ending_in_a_colon_introduces_the_next_quote():
    text = ("Dalam pidatonya, Presiden Prabowo Subianto mengatakan:\n"
            '"Kita harus berdiri di atas kaki sendiri."')
    q = only(text)
    assert (q.speaker, q.cue) == ("Prabowo Subianto", "mengatakan")


def test_relay_phrase_before_the_subject_names_the_medium_not_the_speaker():
    text = "Seperti dikutip dari Antara, Bupati Sleman Kustini Sri Purnomo mengatakan jalan itu segera diperbaiki."
    q = quotes(text)[0]
    assert (q.type, q.speaker, q.via) == ("indirect", "Kustini Sri Purnomo", "Antara")


def test_agent_of_a_passive_cue_is_who_the_next_pronoun_means():
    text = ('"Stok beras aman sampai Lebaran," ujar Kepala Bulog Jawa Barat Ahmad Fauzi.\n'
            "Hal serupa diungkapkan Ketua Asosiasi Pedagang Beras Abdullah Mansuri. "
            "Ia menyebut pasokan dari Jawa Tengah berkurang karena hujan.")
    assert quotes(text)[-1].speaker == "Abdullah Mansuri"


@pytest.mark.parametrize("text, speaker", [
    ('"Harga cabai naik," kata pedagang Pasar Minggu, Sulastri.', "Sulastri"),  # a market, not Sunday
    ('"Harga tetap," kata Budi Santoso Senin (3/6).', "Budi Santoso"),
    ('"Kami siap," ujar Rina Marlina di Jakarta Selasa.', "Rina Marlina"),
])
def test_day_name_inside_a_place_name_does_not_end_the_mention(text, speaker):
    assert quotes(text)[0].speaker == speaker


def test_date_between_commas_is_not_the_speaker():
    text = ("Kapolsek Tegalsari Kompol Rina Wulandari dalam keterangan tertulisnya, Minggu (2/6/2024), "
            "menyampaikan kedua pelaku sudah beraksi di lima lokasi.")
    q = quotes(text)[0]
    assert (q.type, q.speaker) == ("indirect", "Rina Wulandari")


def test_organisation_speaking_through_a_press_release_and_its_short_form():
    text = ("Kementerian Agama dalam siaran persnya menyatakan kuota haji tahun ini bertambah.\n"
            '"Calon jemaah diminta melunasi biaya sebelum akhir bulan," demikian pernyataan Kemenag.')
    qs = quotes(text)
    assert [(q.type, q.speaker) for q in qs] == [("indirect", "Kementerian Agama"),
                                                  ("direct", "Kementerian Agama")]


def test_intro_phrase_with_a_verb_of_its_own_is_not_the_speaker():
    text = ("Terkait dengan langkah pemerintah Jepang menanggapi isu ini, Maria Ulfa mengatakan pihaknya "
            "menunggu keputusan resmi.")
    assert [q.speaker for q in quotes(text)] == ["Maria Ulfa"]


@pytest.mark.parametrize("text, cue", [
    ('Ia melanjutkan, “Anggaran perbaikan harus menjadi prioritas tahun depan.”', "melanjutkan"),
    ('“Setiap hujan, jalan ini seperti kolam,” keluhnya.', "keluhnya"),
    ('"Dulu sungai ini jernih," kenang Sumarni.', "kenang"),
    ('"Nanti, masih kajian," singkatnya.', "singkatnya"),
    ('"Itu fitnah," tuding Sumarni.', "tuding"),
])
def test_more_verbs_of_saying(text, cue):
    assert [q.cue for q in quotes(text)] == [cue]


def test_short_whole_sentence_in_quotes_after_a_cued_quote_continues_it():
    text = '"Banyak kasus yang tidak dilaporkan," kata Panji Wibowo. "Puskesmas sering kewalahan."'
    qs = quotes(text)
    assert [(q.quote, q.speaker) for q in qs][-1] == ("Puskesmas sering kewalahan.", "Panji Wibowo")


def test_menurut_before_a_quotation_is_its_cue():
    text = ('Kepala Dinas Kesehatan Vini Adiani mengatakan kasus naik.\n'
            'Menurut Vini, "Musim hujan yang panjang membuat nyamuk berkembang biak lebih cepat."\n'
            'Menurutnya, "Fogging saja tidak cukup."')
    direct = [q for q in quotes(text) if q.type == "direct"]
    assert [(q.cue, q.speaker) for q in direct] == [("Menurut", "Vini Adiani"), ("Menurutnya", "Vini Adiani")]


def test_profession_at_sentence_start_is_a_title_not_an_organisation():
    text = ("Epidemiolog Universitas Airlangga Windhu Purnomo menilai data itu belum lengkap. "
            '"Banyak kasus tidak dilaporkan," kata Windhu.')
    assert {q.speaker for q in quotes(text)} == {"Windhu Purnomo"}


def test_quote_resumed_after_its_cue_mid_sentence_keeps_the_speaker():
    text = '"Perbedaan pilihan itu biasa," kata Rudi Hartono, "tetapi jangan sampai memecah belah bangsa."'
    qs = quotes(text)
    assert [(q.quote, q.speaker) for q in qs] == [("Perbedaan pilihan itu biasa,", "Rudi Hartono"),
                                                   ("tetapi jangan sampai memecah belah bangsa.", "Rudi Hartono")]


def test_role_with_a_preposition_then_the_name_between_commas():
    text = ("Anggota DPR dari Fraksi PKS, Habib Aboe Bakar Al-Habsyi, berpendapat pengawasan pemilu "
            "perlu diperketat.")
    assert [q.speaker for q in quotes(text)] == ["Habib Aboe Bakar Al-Habsyi"]


def test_quotation_attributed_by_the_next_paragraph():
    text = ('"Sampel makanan sudah kami kirim ke laboratorium. Hasilnya keluar pekan depan."\n\n'
            "Hal itu disampaikan Kapolres Bantul AKBP Michael Tamba saat ditemui di kantornya, Selasa.")
    q = quotes(text)[0]
    assert (q.speaker, q.cue, q.rule) == ("Michael Tamba", "disampaikan", "backref")


def test_similar_statement_by_someone_else_does_not_attribute_the_quote_before():
    text = ('"Kami kekurangan tenaga medis," kata Kepala Puskesmas Kretek, Nur Hidayah.\n'
            '"Dokter hanya dua orang."\n'
            "Hal senada disampaikan Ketua IDI Bantul Andi Prasetyo.")
    assert {q.speaker for q in quotes(text)} == {"Nur Hidayah"}


@pytest.mark.parametrize("text, speaker", [
    ("Juru bicara KPK Tessa Mahardhika menyampaikan perkembangan kasus.\n"
     "Kata Tessa, pemeriksaan saksi akan dilanjutkan pekan depan.", "Tessa Mahardhika"),
    ("Juru bicara KPK Tessa Mahardhika menyampaikan perkembangan kasus.\n"
     "Kata dia, penyidik sudah memeriksa 12 saksi.", "Tessa Mahardhika"),
])
def test_fronted_kata_with_a_comma_reports_speech(text, speaker):
    assert [q.speaker for q in quotes(text) if q.cue == "Kata"] == [speaker]


def test_the_noun_kata_is_not_a_cue():
    assert quotes("Kata merdeka berasal dari bahasa Sanskerta dan dipakai sejak abad lalu.") == []


def test_lebih_lanjut_is_not_part_of_the_speaker_mention():
    text = "Lebih lanjut, Kepala Dinas Perdagangan Kota Makassar Arlin Ariesta menjelaskan kenaikan dipicu biaya pakan."
    q = quotes(text)[0]
    assert q.speaker_mention == "Kepala Dinas Perdagangan Kota Makassar Arlin Ariesta"


@pytest.mark.parametrize("headline", [
    'Jokowi: "Kita Harus Bersatu Hadapi Krisis"',
    'Sri Mulyani Sebut Ekonomi RI "Tahan Banting"',
])
def test_quotation_in_the_headline_is_not_a_quote(headline):
    text = (headline + "\nJAKARTA - Presiden Joko Widodo mengajak seluruh elemen bangsa bersatu.\n"
            '"Kita harus bersatu menghadapi krisis," kata Presiden Joko Widodo.')
    assert [q.quote for q in quotes(text)] == ["Kita harus bersatu menghadapi krisis,"]


def test_first_paragraph_that_is_a_quotation_is_not_a_headline():
    text = '"Banjirnya dari jam tiga subuh," kata Sumiati, warga Rawajati.\nAir surut pada siang hari.'
    assert [q.speaker for q in quotes(text)] == ["Sumiati"]


def test_one_line_input_is_never_taken_for_a_headline():
    assert [q.speaker for q in quotes('"Kami Siap Menang" kata Budi Santoso')] == ["Budi Santoso"]


@pytest.mark.parametrize("text, cue", [
    ("Kuasa hukum terdakwa, Maqdir Ismail, menepis kliennya menerima suap.", "menepis"),
    ("Menteri Perdagangan Zulkifli Hasan beralasan stok beras di gudang masih cukup.", "beralasan"),
])
def test_verbs_of_denying_and_reasoning_report_speech(text, cue):
    assert [q.cue for q in quotes(text)] == [cue]


def test_quoted_sentence_after_a_lihat_juga_marker_is_body_not_a_related_headline():
    text = ('"Pelayanan harus cepat," kata Menkes Budi Gunadi Sadikin.\n'
            "Lihat Juga :\n"
            '"Kami siap," ujar Direktur RSUD Tarakan dr. Dian Ekowati.')
    assert [q.speaker for q in quotes(text)] == ["Budi Gunadi Sadikin", "Dian Ekowati"]


@pytest.mark.parametrize("after", ["Demikian kata Ketua Serikat Pekerja Said Iqbal di depan gedung DPR.",
                                   "Begitu ujar Said Iqbal."])
def test_demikian_or_begitu_with_a_cue_word_attributes_the_quote_before(after):
    text = '"Kami tidak akan mundur satu langkah pun dari rencana ini."\n' + after
    assert [(q.speaker, q.rule) for q in quotes(text)] == [("Said Iqbal", "backref")]


def test_fragment_at_the_end_of_reported_speech_is_mixed():
    qs = quotes('Ketua RW Slamet Riyadi menyebut kawasan itu "kampung mati".')
    assert [(q.type, q.quote) for q in qs] == [("indirect", 'kawasan itu "kampung mati"'),
                                               ("mixed", "kampung mati")]


def test_addressee_before_a_quotation_gives_one_direct_quote_not_an_indirect_one():
    qs = quotes('Budi Santoso mengatakan kepada Kompas.com, "Kami siap berangkat besok."')
    assert [(q.type, q.speaker) for q in qs] == [("direct", "Budi Santoso")]


def test_hashtag_is_never_a_speaker():
    text = ('Tagar #SaveKPK menjadi trending di media sosial.\n'
            'Di media sosial beredar pesan berantai. "Besok libur nasional."')
    assert all(q.speaker != "SaveKPK" for q in quotes(text))


@pytest.mark.parametrize("text, content", [
    ("Presiden Joko Widodo meminta para menteri bekerja lebih cepat.", "para menteri bekerja lebih cepat"),
    ("Kepala BNPB Suharyanto mengatakan bantuan tiba besok pagi.", "bantuan tiba besok pagi"),
])
def test_clause_with_a_bare_verb_is_reported_speech(text, content):
    assert [q.quote for q in quotes(text)] == [content]


def test_whole_sentence_in_quotes_after_an_addressee_without_comma_is_direct():
    qs = quotes('Budi Santoso mengatakan kepada wartawan "Kami siap berangkat besok."')
    assert [(q.type, q.quote) for q in qs if q.type != "indirect"] == [("direct", "Kami siap berangkat besok.")]


def test_fronted_cue_before_a_quotation_names_the_speaker_after_it():
    text = ('Budi Santoso berbicara di depan warga.\n'
            'Kata Budi Santoso: "Kami tidak akan mundur."\n'
            'Ujar dia lagi, "Semua sudah siap."')
    assert [(q.cue, q.speaker) for q in quotes(text)] == [("Kata", "Budi Santoso"), ("Ujar", "Budi Santoso")]


@pytest.mark.parametrize("text, cue", [
    ('"Beli bertahap saja," saran analis Lukman Leong.', "saran"),
    ('"Itu tidak benar," bantah Lukman Leong.', "bantah"),
    ('"Hati-hati di jalan," pesan Kapolres Bogor AKBP Rio Wibowo.', "pesan"),
])
def test_advice_denial_and_message_words_are_cues_after_a_quote(text, cue):
    assert [q.cue for q in quotes(text)] == [cue]


@pytest.mark.parametrize("text, speaker", [
    ("Kabid Humas Polda Sumut Kombes Pol Hadi Wahyudi menjelaskan, pelaku sudah ditangkap.", "Hadi Wahyudi"),
    # a place after "di" is not the name of the residents who speak
    ("Warga di sekitar Tempat Pembuangan Akhir (TPA) Suwung, Denpasar, mengeluhkan bau menyengat.",
     "Warga di sekitar Tempat Pembuangan Akhir (TPA) Suwung, Denpasar"),
    ("Warga di Denpasar, Ketut Sudana, mengatakan bau itu tercium sampai malam.", "Ketut Sudana"),
])
def test_rank_suffix_and_place_after_a_person_noun_are_not_names(text, speaker):
    for fast in (True, False):
        assert [q.speaker for q in extract(text, fast=fast).quotes] == [speaker]


def test_demikian_keterangan_resmi_is_the_whole_cue():
    text = ('Bank Indonesia (BI) menyatakan terus berada di pasar.\n'
            '"BI akan terus melakukan intervensi," demikian keterangan resmi BI.')
    q = extract(text, fast=True).quotes[-1]
    assert (q.speaker, q.cue) == ("Bank Indonesia", "demikian keterangan resmi")


@pytest.mark.parametrize("text, speaker", [
    ('Dalam akun Twitter kedutaan dituliskan, "Kabar adanya pelobi itu tidak benar. -#DubesWilson".',
     "#DubesWilson"),
    ('Di akun Twitter-nya tertulis, "Saya mengucapkan selamat kepada para pemenang. *SBY* —SBY"', "SBY"),
])
def test_a_post_signed_inside_its_quotation_marks_is_by_its_signer(text, speaker):
    q = extract(text, fast=True).quotes[0]
    assert (q.type, q.speaker) == ("direct", speaker) and q.confidence >= 0.5


def test_long_title_and_degrees_with_a_specialist_grade_keep_the_subject():
    text = ("Kepala Dinas Kesehatan Kabupaten Bogor, dr. Mike Kaltarina, Sp.A(K), M.Kes, mengatakan lonjakan "
            'kasus dipicu curah hujan. "Genangan air menjadi sarang nyamuk," katanya.')
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Mike Kaltarina", "Mike Kaltarina"]


def test_subject_and_verb_between_two_quotations_introduce_the_second():
    text = ('Ketika ditanya soal korupsi, Anies Baswedan menjawab, "Kita harus memperkuat KPK." '
            'Prabowo Subianto menimpali, "Saya setuju, tapi hukum harus tegas."')
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Anies Baswedan", "Prabowo Subianto"]
    # an inverted cue after a quotation still attributes it
    text = '"Kami siap bertanding," Budi Santoso menegaskan.'
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Budi Santoso"]


def test_a_quoted_title_in_the_subjects_apposition_is_not_the_speaker():
    text = ('Aktris Sha Ine Febriyanti, pemeran utama "Budi Pekerti", mengatakan film itu mengangkat isu '
            "perundungan.")
    for fast in (True, False):
        assert [q.speaker for q in extract(text, fast=fast).quotes] == ["Sha Ine Febriyanti"]


def test_trailing_cue_with_place_and_day_after_the_speaker_reports_the_clause_before():
    text = "Harga BBM akan naik bulan depan, ujar Menteri ESDM Arifin Tasrif di Jakarta, Senin."
    assert [(q.type, q.speaker, q.quote) for q in extract(text, fast=True).quotes] == [
        ("indirect", "Arifin Tasrif", "Harga BBM akan naik bulan depan")]


def test_bilang_after_a_subject_is_its_verb_not_a_trailing_cue():
    text = "Salah satu korban, Siti Aminah, bilang motornya hilang saat diparkir di depan minimarket."
    assert [q.speaker for q in extract(text, fast=True).quotes] == ["Siti Aminah"]


def test_menurut_inserted_after_the_subject_reports_the_whole_sentence():
    text = "Pemerintah, menurut dia, harus mencabut izin usaha perusahaan itu.\nNamun, menurut Elly, harga akan turun."
    qs = extract(text, fast=True).quotes
    assert [q.quote for q in qs] == ["Pemerintah, menurut dia, harus mencabut izin usaha perusahaan itu",
                                     "harga akan turun"]


@pytest.mark.parametrize("opening, closing", [("‘’", "’’"), ("‘‘", "’’"), ("''", "''")])
def test_two_single_marks_typed_for_a_double_mark_open_and_close_a_quotation(opening, closing):
    text = (f"Puluhan wali murid mendatangi sekolah itu kemarin.\n{opening}Kami tidak terima anak-anak dipukul. "
            f"Mereka jadi takut,{closing} ujar Sri Wahyuni, seorang wali murid.\n"
            f"Ia menyebut kata {opening}disiplin{closing} itu sebagai alasan.")
    r = extract(text, fast=True)
    direct = [q for q in r.quotes if q.type == "direct"]
    assert [(q.quote, q.speaker) for q in direct] == [
        ("Kami tidak terima anak-anak dipukul. Mereka jadi takut,", "Sri Wahyuni")]
    for q in r.quotes:
        assert text[q.start:q.end] == q.quote
        assert q.speaker_span is None or text[q.speaker_span[0]:q.speaker_span[1]] == q.speaker_mention
        assert q.cue_span is None or text[q.cue_span[0]:q.cue_span[1]] == q.cue
    assert opening in direct[0].context  # the context is the article's own text


@pytest.mark.parametrize("dateline", [
    "JAKARTA, KOMPAS.com - ", "Jakarta (ANTARA) - ", "Kota Bima, Nusa Tenggara Barat (ANTARA) - ",
    "Mataram (Suara NTB) – ", "Harianjogja.com, JOGJA--", "Portalbima.com | Bima: ", "Jakarta: ", "[BIMA] ",
])
def test_a_dateline_is_not_part_of_the_speaker(dateline):
    text = (f"{dateline}Dinas Kesehatan Kota Bima memastikan stok vaksin cukup sampai akhir tahun.\n"
            '"Kami sudah menerima kiriman kedua," kata Kepala Dinas Kesehatan Kota Bima, Siti Rahma.')
    first = quotes(text)[0]
    assert first.speaker_mention == "Dinas Kesehatan Kota Bima"


def test_a_cue_inserted_in_reported_speech_quotes_the_whole_sentence_and_its_pronoun_looks_before_it():
    text = ("Ketua RW Budi Santoso menemui warga di balai desa pada Minggu.\n"
            "Menurut Budi, warga sudah lama mengeluhkan banjir. Camat Sukamaju Andi Wijaya, katanya, sudah "
            "berjanji memperbaiki saluran air.\n"
            '"Kami menunggu janji itu," ujarnya.')
    qs = quotes(text)
    inserted = next(q for q in qs if q.cue == "katanya")
    # GUIDE.md: the whole sentence, the cue included; the camat named in it is not who "-nya" means
    assert inserted.quote == "Camat Sukamaju Andi Wijaya, katanya, sudah berjanji memperbaiki saluran air"
    assert text[inserted.start:inserted.end] == inserted.quote
    assert [q.speaker for q in qs] == ["Budi Santoso"] * 3


@pytest.mark.parametrize("text, speaker, words", [
    # a second name after the comma begins the reported clause: no apposition without a closing comma
    ("Menurut Budi Santoso, Camat Andi Wijaya sudah berjanji memperbaiki saluran.", "Budi Santoso",
     "Camat Andi Wijaya sudah berjanji memperbaiki saluran"),
    ("Menurut Kepala Desa Sukamaju, Budi Santoso, banjir sudah surut sejak pagi.", "Budi Santoso",
     "banjir sudah surut sejak pagi"),
    ("Saluran itu, kata Budi Santoso, Camat Andi Wijaya sudah berjanji memperbaikinya.", "Budi Santoso",
     "Saluran itu, kata Budi Santoso, Camat Andi Wijaya sudah berjanji memperbaikinya"),
])
def test_an_apposition_after_the_speaker_is_closed_by_a_comma(text, speaker, words):
    assert [(q.speaker, q.quote) for q in quotes(text)] == [(speaker, words)]


@pytest.mark.parametrize("lead", ["Seperti dikatakan", "Sebagaimana disampaikan", "Lebih lanjut dikatakan",
                                  "Masih dikatakan oleh"])
def test_a_fronted_passive_cue_after_a_linking_word(lead):
    text = ("Kepala Dinas Pertanian Budi Santoso meninjau sawah pada Senin.\n"
            f"{lead} Budi, panen tahun ini lebih baik dari tahun lalu.")
    assert [(q.type, q.speaker, q.quote) for q in quotes(text)] == [
        ("indirect", "Budi Santoso", "panen tahun ini lebih baik dari tahun lalu")]


@pytest.mark.parametrize("text, reported, speaker", [
    ('"Target kami naik," kata Direktur Rifky Effendi dalam siaran tertulisnya, Jakarta, Selasa, 11 Desember '
     "2018.Rifky bilang, untuk mencapai target itu dibutuhkan tambahan volume.",
     "untuk mencapai target itu dibutuhkan tambahan volume", "Rifky Effendi"),
    ('Kepala BPBD Andi Wijaya meninjau tanggul. "Kami sudah siap menghadapi banjir tahun ini," '
     "tuturnya.Ditegaskan Andi, pihaknya tidak ingin ada korban jiwa.",
     "pihaknya tidak ingin ada korban jiwa", "Andi Wijaya"),
    # an academic degree after a name is not a sentence end
    ("Kepala sekolah Ani Lestari, S.Pd mengatakan bahwa ujian akan digelar pekan depan.",
     "ujian akan digelar pekan depan", "Ani Lestari"),
])
def test_a_period_typed_without_its_space_still_ends_the_sentence(text, reported, speaker):
    """Copied web text often glues sentences ("2018.Rifky bilang"): the next sentence's cue and speaker are
    its own, not the place or date before the period."""
    r = extract(text, fast=True)
    assert [(q.quote, q.speaker) for q in r.quotes if q.type == "indirect"] == [(reported, speaker)]


@pytest.mark.parametrize("text, reported, speaker", [
    # an organisation whose later words are also words of a title ("kepala pusat")
    ("Menurut Badan Pusat Statistik, inflasi naik tahun ini.", "inflasi naik tahun ini", "Badan Pusat Statistik"),
    # a capitalised source noun is the body's own name, not "the survey of"
    ("Menurut Survei Geologi AS (USGS), gempa ini yang terkuat dalam 25 tahun.",
     "gempa ini yang terkuat dalam 25 tahun", "Survei Geologi AS"),
    # a one-word short form in brackets belongs to the mention, not to the reported words
    ("Menurut Kementerian Keuangan (Kemenkeu), inflasi naik tahun ini.", "inflasi naik tahun ini",
     "Kementerian Keuangan"),
    ("Menurut keterangan polisi, pelaku sudah kabur sejak pagi.", "pelaku sudah kabur sejak pagi", "polisi"),
])
def test_menurut_an_organisation_names_the_whole_organisation(text, reported, speaker):
    r = extract(text, fast=True)
    assert [(q.quote, q.speaker, q.speaker_type) for q in r.quotes] == [
        (reported, speaker, "organisation" if speaker[0].isupper() else "other")]


@pytest.mark.parametrize("text, reported", [
    # "hal itu" as the whole object, then when/where/to whom: the statement was reported before
    ("Budi Santoso mengungkapkan hal itu saat meninjau lokasi kebakaran.", None),
    ("Budi Santoso menyampaikan hal tersebut kepada wartawan di Jakarta, Senin.", None),
    ("Budi Santoso mengatakan hal serupa.", None),
    # "hal itu" beginning a clause is reported speech
    ("Budi Santoso mengatakan hal itu membuat warga resah selama sepekan.",
     "hal itu membuat warga resah selama sepekan"),
    # a topic ("terkait", "atas", "sebagai" ... and a noun phrase) is not what was said; a clause after it is
    ("Budi Santoso menjelaskan terkait pentingnya literasi dan pemahaman tentang proyek itu.", None),
    ("Kapolsek Buduran membenarkan atas peristiwa tersebut.", None),
    # one possessed noun, then to whom or after what
    ("Pebalap itu mengungkapkan perasaannya usai memenangi balapan.", None),
    ("Warga menyampaikan keluhannya kepada anggota DPRD.", None),
    ("Rusia mengakui pasukannya di Ukraina mengalami masalah peralatan.",
     "pasukannya di Ukraina mengalami masalah peralatan"),
    ("Budi Santoso mengatakan soal itu pemerintah sudah menyiapkan anggaran.",
     "soal itu pemerintah sudah menyiapkan anggaran"),
])
def test_a_verb_of_saying_whose_object_is_a_noun_phrase_reports_nothing_new(text, reported):
    """GUIDE.md: a verb of saying followed only by a noun phrase is not a quote."""
    assert [q.quote for q in extract(text, fast=True).quotes] == ([reported] if reported else [])


@pytest.mark.parametrize("text, speaker", [
    ("Kapolres Bogor AKBP Budi Santoso melalui Kasat Reskrim AKP Andi Wijaya menjelaskan bahwa pelaku sudah "
     "ditangkap.", "Andi Wijaya"),
    ("Polres Bogor melalui Kasi Humas Iptu Andi Wijaya mengatakan pelaku sudah ditangkap.", "Andi Wijaya"),
    # a medium after "melalui" is not who speaks
    ("Budi Santoso melalui akun Instagramnya mengatakan bahwa dirinya sudah sembuh.", "Budi Santoso"),
])
def test_who_speaks_through_melalui_is_the_speaker(text, speaker):
    """"A melalui B mengatakan": B speaks for A (police and prosecutors' statements), unless B is a medium."""
    assert [q.speaker for q in extract(text, fast=True).quotes] == [speaker]


@pytest.mark.parametrize("text, speaker", [
    ("Keputusan WHO menyatakan bahwa wabah itu darurat global.", "WHO"),
    ("Siaran Pers Bank Indonesia menyebutkan bahwa inflasi masih terkendali.", "Bank Indonesia"),
    ('"Rusia siap berunding," kata Menteri Luar Negeri Rusia Sergei Lavrov.\n'
     "Pernyataan itu sekaligus membantah laporan bahwa Rusia menolak berunding.", "Sergei Lavrov"),
    ("Dewan Pers menyatakan bahwa berita itu melanggar kode etik.", "Dewan Pers"),  # a body, not a statement
])
def test_a_statement_as_the_subject_is_its_authors(text, speaker):
    """"Keputusan WHO menyatakan": the decision is WHO's; "Pernyataan itu": the statement just quoted."""
    assert extract(text, fast=True).quotes[-1].speaker == speaker


@pytest.mark.parametrize("text", [
    "Kalau menurut kalian sendiri gimana, setuju nggak kalau Radit balik ke Twitter?",
    "Menurut Anda, apakah kebijakan itu sudah tepat untuk rakyat kecil?",
])
def test_menurut_a_reader_quotes_nobody(text):
    """"Menurut kalian" asks the article's readers: no quotation, no speaker."""
    assert extract(text, fast=True).quotes == []


@pytest.mark.parametrize("text, speaker", [
    ("Menurut AKP. Kukuh Islami, pihaknya masih menelusuri apakah korban berada di lokasi.", "Kukuh Islami"),
    ("Menurut Kombes. Pol. Budi Santoso, pelaku sudah ditangkap di rumahnya.", "Budi Santoso"),
])
def test_a_rank_written_with_a_period_does_not_end_the_sentence(text, speaker):
    assert [q.speaker for q in extract(text, fast=True).quotes] == [speaker]


@pytest.mark.parametrize("cue", ["Dikatakan", "Dijelaskan", "Ditambahkan", "Disebut"])
def test_a_fronted_passive_cue_without_agent_is_said_by_the_last_speaker(cue):
    text = ('"Kami datang memperjelas kasusnya," ujar Nella Sari kepada wartawan.\n'
            f"{cue}, pihaknya masih tak menerima kasus itu selesai tanpa kejelasan.")
    last = extract(text, fast=True).quotes[-1]
    assert (last.type, last.quote, last.speaker) == (
        "indirect", "pihaknya masih tak menerima kasus itu selesai tanpa kejelasan", "Nella Sari")
