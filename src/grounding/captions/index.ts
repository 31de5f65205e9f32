export { describeRegions, type CaptionDetail, type CaptionInput, type CaptionOptions, type CaptionRegion, type DescribedRegion } from './caption-input';
export { deltaE2000, srgbToLab, type Lab } from './cie-lab';
export {
  COLOUR_PALETTE,
  dominantColourName,
  nearestColourName,
  type ColourArea,
  type ColourName,
  type DominantColourOptions,
  type PixelImage,
} from './colour-names';
export { composeCaption } from './compose-caption';
export { countedNoun, indefiniteArticle, isPairNoun, numberWord, pluralNoun } from './english-words';
export { composeReport, type GroundedReport, type ReportSentence } from './grounded-report';
export { formatLatLon, formatMetres, placeClause, type Place } from './place-phrase';
export {
  distancePhrase,
  distanceWord,
  FAR_MAX_HEIGHT_SHARE,
  horizontalThird,
  NEAR_MIN_HEIGHT_SHARE,
  positionPhrase,
  verticalThird,
  type Distance,
  type HorizontalThird,
  type VerticalThird,
} from './position-words';
export { codePointLength, joinCaptions, joinList, piecesToCaption, sentence, type Piece } from './spanned-text';
