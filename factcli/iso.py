"""ISO 3166-1 codes: which alpha-2 and alpha-3 codes there are, and which go together.

The loader checks a country's codes on every first run of a fact base. pycountry knows
them too, but importing it takes about 60 ms (most of it importlib.metadata, for its
version): more than checking 10,000 events. So the pairs are written out here, as
pycountry's ISO 3166-1 table gives them; tests/test_iso.py holds them to it.
"""

# Each word: an alpha-2 code, then the alpha-3 code of the same country.
_PAIRS = """
ADAND AEARE AFAFG AGATG AIAIA ALALB AMARM AOAGO AQATA ARARG ASASM ATAUT AUAUS AWABW AXALA
AZAZE BABIH BBBRB BDBGD BEBEL BFBFA BGBGR BHBHR BIBDI BJBEN BLBLM BMBMU BNBRN BOBOL BQBES
BRBRA BSBHS BTBTN BVBVT BWBWA BYBLR BZBLZ CACAN CCCCK CDCOD CFCAF CGCOG CHCHE CICIV CKCOK
CLCHL CMCMR CNCHN COCOL CRCRI CUCUB CVCPV CWCUW CXCXR CYCYP CZCZE DEDEU DJDJI DKDNK DMDMA
DODOM DZDZA ECECU EEEST EGEGY EHESH ERERI ESESP ETETH FIFIN FJFJI FKFLK FMFSM FOFRO FRFRA
GAGAB GBGBR GDGRD GEGEO GFGUF GGGGY GHGHA GIGIB GLGRL GMGMB GNGIN GPGLP GQGNQ GRGRC GSSGS
GTGTM GUGUM GWGNB GYGUY HKHKG HMHMD HNHND HRHRV HTHTI HUHUN IDIDN IEIRL ILISR IMIMN ININD
IOIOT IQIRQ IRIRN ISISL ITITA JEJEY JMJAM JOJOR JPJPN KEKEN KGKGZ KHKHM KIKIR KMCOM KNKNA
KPPRK KRKOR KWKWT KYCYM KZKAZ LALAO LBLBN LCLCA LILIE LKLKA LRLBR LSLSO LTLTU LULUX LVLVA
LYLBY MAMAR MCMCO MDMDA MEMNE MFMAF MGMDG MHMHL MKMKD MLMLI MMMMR MNMNG MOMAC MPMNP MQMTQ
MRMRT MSMSR MTMLT MUMUS MVMDV MWMWI MXMEX MYMYS MZMOZ NANAM NCNCL NENER NFNFK NGNGA NINIC
NLNLD NONOR NPNPL NRNRU NUNIU NZNZL OMOMN PAPAN PEPER PFPYF PGPNG PHPHL PKPAK PLPOL PMSPM
PNPCN PRPRI PSPSE PTPRT PWPLW PYPRY QAQAT REREU ROROU RSSRB RURUS RWRWA SASAU SBSLB SCSYC
SDSDN SESWE SGSGP SHSHN SISVN SJSJM SKSVK SLSLE SMSMR SNSEN SOSOM SRSUR SSSSD STSTP SVSLV
SXSXM SYSYR SZSWZ TCTCA TDTCD TFATF TGTGO THTHA TJTJK TKTKL TLTLS TMTKM TNTUN TOTON TRTUR
TTTTO TVTUV TWTWN TZTZA UAUKR UGUGA UMUMI USUSA UYURY UZUZB VAVAT VCVCT VEVEN VGVGB VIVIR
VNVNM VUVUT WFWLF WSWSM YEYEM YTMYT ZAZAF ZMZMB ZWZWE
"""
# ISO 3166-1 leaves XA-XZ (XAA-XZZ) to its users. XK and XKX are Kosovo's, as the European
# Commission and the IMF use them: a fact base may give them for Kosovo.
_USER_ASSIGNED = "XKXKX"

ALPHA3: dict[str, str] = {pair[:2]: pair[2:] for pair in (*_PAIRS.split(), _USER_ASSIGNED)}
ALPHA2: dict[str, str] = {alpha3: alpha2 for alpha2, alpha3 in ALPHA3.items()}


def known(code: str, length: int) -> bool:
    """Whether a code, as written, is an ISO 3166-1 alpha-2 (length 2) or alpha-3 code."""
    return code in (ALPHA3 if length == 2 else ALPHA2)


def meant(code: str, length: int) -> str | None:
    """The code of this length that one not known was likely meant as: "jp" -> "JP", and the
    other code of the same country, "JPN" -> "JP" (None when there is none)."""
    upper = code.upper()
    if known(upper, length):
        return upper
    other = ALPHA2 if length == 2 else ALPHA3  # keyed by the codes of the other length
    return other.get(upper)
