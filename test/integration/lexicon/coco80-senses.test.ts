import assert from 'node:assert/strict';
import { COCO80_LABELS } from '../../../models/labels/coco80';
import { COCO80_KIND_OF, COCO80_LABEL_SENSES } from '../../../src/grounding/query/coco80-senses';
import { resolveSenseName } from '../../../src/grounding/query/sense-name';
import { createWordNetLexicon } from '../../../src/lexicon/wordnet';

// Each pin, a lemma its synset must hold and a word its gloss must use: a pin on the wrong sense
// (the rodent mouse, the hawk kite, the sausage hot dog) fails here.
const EXPECTED: Record<string, Array<[pin: string, lemma: string, gloss: RegExp]>> = {
  person: [['person.n.01', 'person', /human being/]],
  bicycle: [['bicycle.n.01', 'bicycle', /two wheels/]],
  car: [['car.n.01', 'automobile', /motor vehicle/]],
  motorcycle: [['motorcycle.n.01', 'motorcycle', /motor vehicle with two wheels/]],
  airplane: [['airplane.n.01', 'aeroplane', /aircraft/]],
  bus: [['bus.n.01', 'autobus', /many passengers/]],
  train: [
    ['train.n.01', 'railroad_train', /railway cars/],
    ['locomotive.n.01', 'locomotive', /draw trains/],
  ],
  truck: [['truck.n.01', 'motortruck', /hauling/]],
  boat: [
    ['boat.n.01', 'boat', /vessel for travel on water/],
    ['ship.n.01', 'ship', /vessel that carries passengers/],
  ],
  'traffic light': [['traffic_light.n.01', 'traffic_signal', /flow of traffic/]],
  'fire hydrant': [['fireplug.n.01', 'fire_hydrant', /fighting a fire/]],
  'stop sign': [['street_sign.n.01', 'street_sign', /sign visible from the street/]],
  'parking meter': [['parking_meter.n.01', 'parking_meter', /parking space/]],
  bench: [['bench.n.01', 'bench', /long seat/]],
  bird: [['bird.n.01', 'bird', /feathers/]],
  cat: [['cat.n.01', 'true_cat', /feline mammal/]],
  dog: [['dog.n.01', 'domestic_dog', /genus Canis/]],
  horse: [['horse.n.01', 'Equus_caballus', /quadruped/]],
  sheep: [['sheep.n.01', 'sheep', /woolly/]],
  cow: [
    ['cattle.n.01', 'cows', /bovine animals/],
    ['cow.n.01', 'cow', /domestic cattle/],
  ],
  elephant: [['elephant.n.01', 'elephant', /pachyderm/]],
  bear: [['bear.n.01', 'bear', /shaggy coats/]],
  zebra: [['zebra.n.01', 'zebra', /striped/]],
  giraffe: [['giraffe.n.01', 'giraffe', /long neck/]],
  backpack: [['backpack.n.01', 'rucksack', /on your back/]],
  umbrella: [['umbrella.n.01', 'umbrella', /collapsible canopy/]],
  handbag: [['bag.n.04', 'handbag', /carrying money/]],
  tie: [['necktie.n.01', 'tie', /neckwear/]],
  suitcase: [['bag.n.06', 'suitcase', /carrying clothes/]],
  frisbee: [['frisbee.n.01', 'Frisbee', /plastic disk/]],
  skis: [['ski.n.01', 'ski', /gliding over snow/]],
  snowboard: [['snowboard.n.01', 'snowboard', /board/]],
  'sports ball': [['ball.n.01', 'ball', /kicked in games/]],
  kite: [['kite.n.03', 'kite', /plaything/]],
  'baseball bat': [['baseball_bat.n.01', 'baseball_bat', /batter/]],
  'baseball glove': [['baseball_glove.n.01', 'baseball_mitt', /fielders/]],
  skateboard: [['skateboard.n.01', 'skateboard', /board with wheels/]],
  surfboard: [['surfboard.n.01', 'surfboard', /riding surf/]],
  'tennis racket': [['tennis_racket.n.01', 'tennis_racquet', /play tennis/]],
  bottle: [['bottle.n.01', 'bottle', /storing drinks/]],
  'wine glass': [['wineglass.n.01', 'wineglass', /wine is served/]],
  cup: [['cup.n.01', 'cup', /used for drinking/]],
  fork: [['fork.n.01', 'fork', /cutlery/]],
  knife: [['knife.n.01', 'knife', /cutting instrument/]],
  spoon: [['spoon.n.01', 'spoon', /cutlery/]],
  bowl: [
    ['bowl.n.01', 'bowl', /round vessel/],
    ['bowl.n.03', 'bowl', /serving foods/],
  ],
  banana: [['banana.n.02', 'banana', /yellow fruit/]],
  apple: [['apple.n.01', 'apple', /^fruit with red or yellow or green skin/]],
  sandwich: [['sandwich.n.01', 'sandwich', /slices of bread/]],
  orange: [['orange.n.01', 'orange', /citrus/]],
  broccoli: [['broccoli.n.02', 'broccoli', /flower heads/]],
  carrot: [['carrot.n.03', 'carrot', /orange root/]],
  'hot dog': [['hotdog.n.02', 'hot_dog', /served hot on a bun/]],
  pizza: [['pizza.n.01', 'pizza', /bread dough/]],
  donut: [['doughnut.n.02', 'donut', /friedcake/]],
  cake: [['cake.n.03', 'cake', /baked goods/]],
  chair: [['chair.n.01', 'chair', /seat for one person/]],
  couch: [['sofa.n.01', 'couch', /upholstered seat/]],
  'potted plant': [
    ['pot_plant.n.01', 'pot_plant', /flowerpot/],
    ['houseplant.n.01', 'houseplant', /grown indoors/],
  ],
  bed: [['bed.n.01', 'bed', /place to sleep/]],
  'dining table': [['dining_table.n.01', 'dining_table', /meals are served/]],
  toilet: [['toilet.n.02', 'toilet', /plumbing fixture/]],
  tv: [['television_receiver.n.01', 'tv', /receives television signals/]],
  laptop: [['laptop.n.01', 'laptop_computer', /portable computer/]],
  mouse: [['mouse.n.04', 'computer_mouse', /cursor/]],
  remote: [['remote_control.n.01', 'remote', /from a distance/]],
  keyboard: [['computer_keyboard.n.01', 'computer_keyboard', /input device for computers/]],
  'cell phone': [['cellular_telephone.n.01', 'cellphone', /mobile radiotelephone/]],
  microwave: [['microwave.n.02', 'microwave_oven', /kitchen appliance/]],
  oven: [['oven.n.01', 'oven', /baking or roasting/]],
  toaster: [['toaster.n.02', 'toaster', /toasting bread/]],
  sink: [['sink.n.01', 'sink', /water basin/]],
  refrigerator: [['refrigerator.n.01', 'icebox', /low temperatures/]],
  book: [
    ['book.n.02', 'volume', /pages bound together/],
    ['book.n.01', 'book', /published/],
  ],
  clock: [['clock.n.01', 'clock', /time of day/]],
  vase: [['vase.n.01', 'vase', /hold flowers/]],
  scissors: [['scissors.n.01', 'scissors', /two crossed pivoting blades/]],
  'teddy bear': [['teddy.n.01', 'teddy_bear', /toy bear/]],
  'hair drier': [['hand_blower.n.01', 'hair_drier', /onto the hair/]],
  toothbrush: [['toothbrush.n.01', 'toothbrush', /clean teeth/]],
};

describe('COCO80_LABEL_SENSES (WordNet 3.1)', () => {
  const wn = createWordNetLexicon();

  it('lists the 80 COCO labels in class-id order', () => {
    assert.equal(COCO80_LABELS.length, 80);
    assert.equal(COCO80_LABELS[0], 'person');
    assert.equal(COCO80_LABELS[9], 'traffic light');
    assert.equal(COCO80_LABELS[64], 'mouse');
    assert.equal(COCO80_LABELS[79], 'toothbrush');
    assert.deepEqual(COCO80_LABELS, Object.keys(EXPECTED));
    assert.deepEqual(Object.keys(COCO80_LABEL_SENSES), COCO80_LABELS, 'every registry label is pinned, in class order');
  });

  for (const label of Object.keys(EXPECTED)) {
    it(`pins ${label} to ${EXPECTED[label].map(([pin]) => pin).join(' + ')}`, () => {
      assert.deepEqual(COCO80_LABEL_SENSES[label], EXPECTED[label].map(([pin]) => pin));
      for (const [pin, lemma, gloss] of EXPECTED[label]) {
        const sense = resolveSenseName(wn, pin);
        assert.ok(sense, `${pin} is a WordNet 3.1 noun sense`);
        assert.equal(wn.senseName(sense), pin, 'pins are written as canonical synset names');
        assert.ok(wn.lemmas(sense).includes(lemma), `${pin} lemmas ${wn.lemmas(sense).join(', ')} include ${lemma}`);
        assert.match(wn.gloss(sense), gloss);
      }
    });
  }

  it('patches only bus with a kind-of link, to a real sense', () => {
    assert.deepEqual(Object.keys(COCO80_KIND_OF), ['bus']);
    const bus = resolveSenseName(wn, 'bus.n.01');
    const motorVehicle = resolveSenseName(wn, COCO80_KIND_OF.bus[0]);
    assert.ok(bus && motorVehicle);
    assert.deepEqual(wn.lemmas(motorVehicle), ['motor_vehicle', 'automotive_vehicle']);
    // The link is needed: WordNet files bus.n.01 under public transport only.
    assert.deepEqual(wn.hypernyms(bus).map((s) => wn.senseName(s)), ['public_transport.n.01']);
  });
});
