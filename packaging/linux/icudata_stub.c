/* An empty ICU data library, in place of the 31 MB libicudata.so.NN of the PySide6 wheel.
 *
 * Qt links ICU for locale-specific collation (QCollator), locale-specific case mapping and
 * legacy text codecs; Career Planner uses none of them, and Qt falls back to its own code
 * when ICU has no data. ICU's character properties and normalisation data are compiled into
 * libicuuc itself and stay. This is ICU's own "stubdata" (icu4c/source/stubdata): a common
 * data header with an empty table of contents.
 *
 * Built by build.spec on Linux:  cc -shared -fPIC -DICU_DATA_SYMBOL=icudt73_dat ...
 */
#include <stddef.h>
#include <stdint.h>

#ifndef ICU_DATA_SYMBOL
#error "define ICU_DATA_SYMBOL, e.g. -DICU_DATA_SYMBOL=icudt73_dat"
#endif

typedef struct {
    uint16_t size;
    uint16_t reservedWord;
    uint8_t isBigEndian;
    uint8_t charsetFamily;
    uint8_t sizeofUChar;
    uint8_t reservedByte;
    uint8_t dataFormat[4];
    uint8_t formatVersion[4];
    uint8_t dataVersion[4];
} UDataInfo;

typedef struct {
    uint16_t headerSize;
    uint8_t magic1, magic2;
    UDataInfo info;
    char padding[8];
    uint32_t count, reserved;
    struct {
        const char *name;
        const void *data;
    } toc[1];
    int fakeNameAndData[4];
} ICU_Data_Header;

__attribute__((visibility("default"))) const ICU_Data_Header ICU_DATA_SYMBOL = {
    32,   /* headerSize */
    0xda, /* magic1 */
    0x27, /* magic2 */
    {
        sizeof(UDataInfo),
        0,
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        1,
#else
        0,
#endif
        0,              /* U_ASCII_FAMILY */
        2,              /* sizeof(UChar) */
        0,
        {0x54, 0x6f, 0x43, 0x50}, /* "ToCP": a table of contents of pointers */
        {1, 0, 0, 0},
        {0, 0, 0, 0},
    },
    {0, 0, 0, 0, 0, 0, 0, 0},
    0, /* count: no entries */
    0,
    {{NULL, NULL}},
    {0, 0, 0, 0},
};
